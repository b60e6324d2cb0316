using System.Collections.Concurrent;
using StyleTransfer.Engine.Backbones.Onnx;

namespace StyleTransfer.Engine.Backbones.ResNet;

/// <summary>
/// The ImageNet ResNet-18 of Microsoft.ML.DnnImageFeaturizer.ResNet18 (a CNTK export), compiled to a <see cref="CnnGraph"/>
/// with named stages, plus the mean image of its preprocessing model. Device independent; parsed once per file.
/// </summary>
public sealed class ResNet18Model
{
    public const string ModelFileName = "ResNet18.onnx";
    public const string PreprocessFileName = "ResNetPreprocess.onnx";

    public static readonly IReadOnlyList<string> StageNames = ["conv1", "layer1", "layer2", "layer3", "layer4", "pool"];

    static readonly ConcurrentDictionary<string, Lazy<ResNet18Model>> Cache = new();

    ResNet18Model(CnnGraph graph, IReadOnlyDictionary<string, string> stageValues, float[] meanImage, long[] meanShape)
    {
        Graph = graph;
        StageValues = stageValues;
        MeanImage = meanImage;
        MeanImageShape = meanShape;
    }

    public CnnGraph Graph { get; }

    /// <summary>Stage name (see <see cref="StageNames"/>) to the graph value holding it.</summary>
    public IReadOnlyDictionary<string, string> StageValues { get; }

    /// <summary>BGR mean image in 0..255, [1,3,224,224], subtracted from the network input.</summary>
    public float[] MeanImage { get; }

    public long[] MeanImageShape { get; }

    public static string DefaultModelPath => Path.Combine(AppContext.BaseDirectory, "models", ModelFileName);

    /// <summary>
    /// Loads (once per file version) the model at <paramref name="modelPath"/>; the preprocessing model is looked for
    /// next to it, then in the application's models folder.
    /// </summary>
    public static ResNet18Model Load(string modelPath)
    {
        var full = Path.GetFullPath(modelPath);
        if (!File.Exists(full)) throw new InvalidInputException(full, "ResNet-18 ONNX model not found");
        var info = new FileInfo(full);
        var key = $"{full}|{info.Length}|{info.LastWriteTimeUtc.Ticks}";
        var lazy = Cache.GetOrAdd(key, _ => new Lazy<ResNet18Model>(() => Parse(full)));
        try { return lazy.Value; }
        catch { Cache.TryRemove(key, out _); throw; }
    }

    static ResNet18Model Parse(string modelPath)
    {
        OnnxModel onnx;
        CnnGraph graph;
        try
        {
            onnx = OnnxModelReader.Read(modelPath);
            graph = CnnGraph.Compile(onnx);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidInputException(modelPath, $"not a usable ResNet-18 ONNX model: {WithoutSource(e.Message, modelPath)}", e);
        }
        var stages = NameStages(graph, modelPath);

        var prepPath = FindPreprocess(modelPath);
        OnnxTensor mean;
        try
        {
            var prep = OnnxModelReader.Read(prepPath);
            mean = prep.Initializers.Values.FirstOrDefault(t => t.Dims.Length == 4 && t.Dims[0] == 1 && t.Dims[1] == 3)
                ?? throw new InvalidDataException("it has no [1,3,H,W] mean image");
        }
        catch (InvalidDataException e)
        {
            throw new InvalidInputException(prepPath, $"not a usable ResNet preprocessing model: {WithoutSource(e.Message, prepPath)}", e);
        }
        return new ResNet18Model(graph, stages, mean.Data, mean.Dims);
    }

    /// <summary>The reader prefixes its messages with the file; the exception built from them names the file already.</summary>
    static string WithoutSource(string message, string path) =>
        message.StartsWith(path + ": ", StringComparison.Ordinal) ? message[(path.Length + 2)..] : message;

    static string FindPreprocess(string modelPath)
    {
        var beside = Path.Combine(Path.GetDirectoryName(modelPath)!, PreprocessFileName);
        if (File.Exists(beside)) return beside;
        var shipped = Path.Combine(AppContext.BaseDirectory, "models", PreprocessFileName);
        if (File.Exists(shipped)) return shipped;
        throw new InvalidInputException(beside, $"ResNet preprocessing model not found (also looked for {shipped})");
    }

    /// <summary>
    /// conv1 is the stem's ReLU; each residual stage ends with the last ReLU after a residual Add at that stage's channel
    /// count; pool is the final global average. (This CNTK export has 2, 2, 2 and 3 basic blocks in its four stages.)
    /// </summary>
    static Dictionary<string, string> NameStages(CnnGraph graph, string path)
    {
        var ops = graph.Ops;
        var (shapes, _) = graph.Analyze(3, 224, 224);
        var blockOutputs = ops.OfType<ReluOp>()
            .Where(r => ops.Any(o => o is AddOp && o.Output == r.Input))
            .GroupBy(r => shapes[r.Output].C)
            .Select(g => g.Last().Output)
            .ToList();
        if (blockOutputs.Count != 4 || ops[^1] is not GlobalAveragePoolOp || ops.OfType<ReluOp>().FirstOrDefault() is not { } stem)
            throw new InvalidInputException(path,
                $"graph is not a ResNet feature extractor (found {blockOutputs.Count} residual stages; expected 4 followed by an average pool)");

        var stages = new Dictionary<string, string> { ["conv1"] = stem.Output, ["pool"] = ops[^1].Output };
        for (int k = 0; k < 4; k++) stages[$"layer{k + 1}"] = blockOutputs[k];
        return stages;
    }
}
