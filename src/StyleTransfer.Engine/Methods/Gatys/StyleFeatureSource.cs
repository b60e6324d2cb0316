using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.Gatys;

/// <summary>
/// Supplies the backbone features at <paramref name="layers"/> of style <paramref name="index"/> (in the order given to
/// <see cref="GatysStylizer.Run"/>) rescaled by <paramref name="factor"/>: what <paramref name="compute"/> returns, or
/// the same features kept from an earlier call. The tensors stay the source's: callers neither modify nor dispose them.
/// </summary>
public delegate IReadOnlyDictionary<string, Tensor> StyleFeatureSource(int index, double factor, IReadOnlyList<string> layers,
    Func<IReadOnlyDictionary<string, Tensor>> compute);
