using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Optimization;

/// <summary>Makes an optimizer over the parameters of an image (L-BFGS, Adam, RMSprop, ...).</summary>
public delegate optim.Optimizer OptimizerFactory(IReadOnlyList<Parameter> parameters);
