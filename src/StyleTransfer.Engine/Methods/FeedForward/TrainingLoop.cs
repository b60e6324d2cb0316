using System.Diagnostics;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>The Adam loop shared by the trainers: steps, progress, divergence check, checkpoints, resume.</summary>
static class TrainingLoop
{
    /// <summary>Derives independent generator seeds from the user's seed (one stream per sampler).</summary>
    public static ulong SeedFor(int seed, int stream)
    {
        var random = new SeededRandom(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)stream));
        return random.NextUInt64();
    }

    /// <param name="nextLoss">draws the next batch and returns its loss (with autograd) and the loss's parts.</param>
    /// <param name="checkpointAt">the checkpoint at a step, given the losses so far and Adam's state.</param>
    public static List<double> Run(nn.Module network, TrainingCheckpoint? resume, int steps, double learningRate, int batch, int checkpointEvery,
        Func<(Tensor Loss, Dictionary<string, double> Terms)> nextLoss, Func<int, IReadOnlyList<double>, byte[], TrainingCheckpoint> checkpointAt,
        IProgress<TrainingProgress>? progress, Action<TrainingCheckpoint>? checkpoint, CancellationToken cancellationToken)
    {
        // Training is where oneDNN's bad gradients showed (see OneDnnWorkaround): on CPU its steps run without oneDNN.
        bool onCpu = network.parameters().First().device.type == DeviceType.CPU;
        using var withoutOneDnn = onCpu ? NativeTorchSettings.WithoutOneDnn() : null;
        using var optimizer = optim.Adam(network.parameters(), lr: learningRate);
        var losses = new List<double>();
        int start = 0;
        if (resume is not null)
        {
            using (var reader = new BinaryReader(new MemoryStream(resume.Optimizer, writable: false)))
                optimizer.load_state_dict(reader);
            losses.AddRange(resume.Losses);
            start = resume.Step;
        }
        network.train();
        for (int step = start + 1; step <= steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            double value;
            Dictionary<string, double> terms;
            optimizer.zero_grad();
            using (var scope = NewDisposeScope())
            {
                var (loss, parts) = nextLoss();
                loss.backward();
                value = loss.ToDouble();
                terms = parts;
            }
            // Outside the scope: Adam creates its moment tensors on the first step, and a scope would free them.
            optimizer.step();
            if (!double.IsFinite(value))
                throw new InvalidOperationException($"training diverged at step {step}: the loss is {value} (try a lower learning rate)");
            losses.Add(value);
            progress?.Report(new TrainingProgress(step, steps, value, terms, batch / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
            if (checkpoint is not null && checkpointEvery > 0 && step % checkpointEvery == 0)
                checkpoint(checkpointAt(step, losses.ToList(), OptimizerBytes(optimizer)));
        }
        network.eval();
        return losses;
    }

    static byte[] OptimizerBytes(optim.Optimizer optimizer)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
            ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(writer);
        return memory.ToArray();
    }

    /// <summary>Refuses a checkpoint of another run: another kind, architecture, options (the step count aside), or inputs.</summary>
    public static void CheckResume(TrainingCheckpoint resume, ModelHeader current, int steps, int samplers)
    {
        var saved = resume.Header;
        string name = resume.Source;
        ModelFile.ExpectKind(saved, current.Kind, name);
        void Check(bool ok, string what)
        {
            if (!ok) throw new InvalidInputException(name, $"is a checkpoint of another training run: its {what} differs from this run's");
        }
        Check(Equals(saved.TransformNet, current.TransformNet) && Equals(saved.Decoder, current.Decoder), "architecture");
        Check(saved.Backbone == current.Backbone, "backbone");
        Check(saved.Training == current.Training, "training options");
        Check(saved.StyleSha256 == current.StyleSha256, "style image");
        Check(saved.Content?.ListingSha256 == current.Content?.ListingSha256, "content images");
        Check(saved.Styles?.ListingSha256 == current.Styles?.ListingSha256, "style images");
        Check(resume.State.SamplerStates.Count == samplers, "sampler count");
        if (resume.Step > steps)
            throw new InvalidInputException(name, $"checkpoint is at step {resume.Step}, beyond the {steps} steps asked for");
    }
}
