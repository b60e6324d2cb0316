using Microsoft.ML.OnnxRuntime;
using OrtTensors = Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace StyleTransfer.Engine.Segmentation;

/// <summary>
/// Semantic segmentation with a user-supplied ADE20K scene-parsing model in ONNX format (no weights ship with the
/// engine). The model takes [1,3,H,W] normalized RGB and outputs [1,150,h,w] class scores (151 channels are
/// accepted too, channel 0 then being the benchmark's "other" class), or [1,h,w] / [1,1,h,w] integer class
/// indices if the export already took the argmax. Classes are folded into <see cref="SceneGroup"/>s by
/// <see cref="Ade20kGroups"/>, one palette label per group. Runs on the CPU with ONNX Runtime.
/// </summary>
public sealed class SceneParsingSegmenter : IDisposable
{
    readonly InferenceSession _session;
    readonly SceneParsingOptions _options;
    readonly string _inputName, _outputName;
    readonly int[] _inputDims;

    public SceneParsingSegmenter(string modelPath, SceneParsingOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        _options = options ?? new SceneParsingOptions();
        _options.Validate();
        ModelPath = modelPath;
        if (!File.Exists(modelPath))
            throw new InvalidInputException(modelPath, Directory.Exists(modelPath) ? "is a folder, not a scene-parsing ONNX model" : "scene-parsing model not found");
        try { _session = new InferenceSession(modelPath); }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidInputException(modelPath, $"not a usable ONNX model ({FirstLine(e.Message)})", e);
        }
        try
        {
            if (_session.InputMetadata.Count != 1)
                throw Invalid($"has {_session.InputMetadata.Count} inputs; a scene-parsing model takes one image [1,3,H,W]");
            var (inputName, input) = _session.InputMetadata.First();
            _inputName = inputName;
            _inputDims = input.Dimensions;
            if (input.ElementType != typeof(float) || _inputDims.Length != 4 || _inputDims[1] is not (3 or -1))
                throw Invalid($"input '{inputName}' is {input.ElementType.Name}[{string.Join(",", _inputDims)}]; expected float [1,3,H,W]");
            _outputName = _session.OutputMetadata.Keys.First();
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public string ModelPath { get; }

    /// <summary>Semantic groups of <paramref name="image"/> ([1,3,H,W], RGB in [0,1]) as a label map at the image's size.</summary>
    public LabelMap Segment(Tensor image, string source = "scene-parsing")
    {
        var (classes, cw, ch) = Classify(image);
        var groups = classes.Select(c => (long)(c < 0 ? SceneGroup.Other : Ade20kGroups.GroupOf(c))).ToArray();
        int h = (int)image.shape[2], w = (int)image.shape[3];
        int groupCount = Enum.GetValues<SceneGroup>().Length;
        using var scope = NewDisposeScope();
        var onehot = F.one_hot(tensor(groups, [1, ch, cw]), groupCount).permute(0, 3, 1, 2).to(ScalarType.Float32);
        var soft = F.interpolate(onehot, [h, w], mode: InterpolationMode.Bilinear, align_corners: false);
        var lut = tensor(Enum.GetValues<SceneGroup>().Select(g => (long)ColorLabelMasks.IndexOf(Ade20kGroups.LabelOf(g))).ToArray());
        var labels = lut.index_select(0, soft.argmax(1).view(-1)).to(ScalarType.Byte);
        return new LabelMap(source, w, h, labels.data<byte>().ToArray());
    }

    /// <summary>
    /// ADE20K class index (0..149) of each output position, row-major, at the model's output resolution; -1 for
    /// the "other" channel of 151-channel models.
    /// </summary>
    public (int[] Classes, int Width, int Height) Classify(Tensor image)
    {
        if (image.dim() != 4 || image.shape[0] != 1 || image.shape[1] != 3 || !image.is_floating_point())
            throw new ArgumentException($"image must be float [1,3,H,W] RGB in [0,1]; got {image.dtype} [{string.Join(",", image.shape)}]", nameof(image));
        var (iw, ih) = InputSize((int)image.shape[3], (int)image.shape[2]);
        float[] input;
        using (var scope = NewDisposeScope())
        {
            var rgb = image.detach().cpu().to(ScalarType.Float32);
            var resized = F.interpolate(rgb, [ih, iw], mode: ih < image.shape[2] ? InterpolationMode.Area : InterpolationMode.Bilinear,
                align_corners: ih < image.shape[2] ? null : false);
            var mean = tensor(_options.Mean.ToArray(), [1, 3, 1, 1]);
            var std = tensor(_options.Std.ToArray(), [1, 3, 1, 1]);
            input = resized.mul(_options.PixelScale).sub(mean).div(std).contiguous().data<float>().ToArray();
        }

        using var results = Run(new OrtTensors.DenseTensor<float>(input, [1, 3, ih, iw]));
        var output = results.First();
        if (output.Value is OrtTensors.Tensor<float> scores) return ArgmaxScores(scores);
        if (output.Value is OrtTensors.Tensor<long> longs) return Indices(longs.Dimensions.ToArray(), longs.ToArray());
        if (output.Value is OrtTensors.Tensor<int> ints) return Indices(ints.Dimensions.ToArray(), ints.ToArray().Select(v => (long)v).ToArray());
        throw Invalid($"output '{_outputName}' is not a float or integer tensor");
    }

    IDisposableReadOnlyCollection<DisposableNamedOnnxValue> Run(OrtTensors.DenseTensor<float> input)
    {
        try
        {
            return _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, input)], [_outputName]);
        }
        catch (OnnxRuntimeException e)
        {
            throw Invalid($"failed on a [1,3,{input.Dimensions[2]},{input.Dimensions[3]}] input ({FirstLine(e.Message)})", e);
        }
    }

    (int[] Classes, int Width, int Height) ArgmaxScores(OrtTensors.Tensor<float> scores)
    {
        var d = scores.Dimensions.ToArray();
        if (d.Length != 4 || d[0] != 1 || d[1] is not (150 or 151))
            throw Invalid($"output '{_outputName}' has shape [{string.Join(",", d)}]; expected ADE20K class scores [1,150,h,w]");
        int offset = d[1] - 150;
        using var scope = NewDisposeScope();
        var t = tensor(scores.ToArray(), [d[1], (long)d[2] * d[3]]);
        var best = t.argmax(0).data<long>().ToArray();
        var classes = best.Select(c => (int)c - offset).ToArray();
        return (classes, d[3], d[2]);
    }

    (int[] Classes, int Width, int Height) Indices(int[] d, long[] values)
    {
        bool ok = d.Length == 3 && d[0] == 1 || d.Length == 4 && d[0] == 1 && d[1] == 1;
        if (!ok) throw Invalid($"output '{_outputName}' has shape [{string.Join(",", d)}]; expected class indices [1,h,w]");
        var bad = values.FirstOrDefault(v => v is < 0 or >= 150, -1);
        if (bad != -1) throw Invalid($"output '{_outputName}' holds class index {bad}; ADE20K has 0..149");
        return (values.Select(v => (int)v).ToArray(), d[^1], d[^2]);
    }

    (int Width, int Height) InputSize(int width, int height)
    {
        if (_options.InputWidth is int w && _options.InputHeight is int h) return (w, h);
        if (_inputDims[2] > 0 && _inputDims[3] > 0) return (_inputDims[3], _inputDims[2]);
        double scale = (double)_options.MaxInputSide / Math.Max(width, height);
        static int Round8(double v) => Math.Max(8, (int)Math.Round(v / 8) * 8);
        return (Round8(width * scale), Round8(height * scale));
    }

    InvalidInputException Invalid(string problem, Exception? inner = null) => new(ModelPath, problem, inner);

    static string FirstLine(string message) => message.Split('\n')[0].Trim();

    public void Dispose() => _session.Dispose();
}
