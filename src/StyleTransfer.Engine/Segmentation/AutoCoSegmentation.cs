using StyleTransfer.Engine.Backbones;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace StyleTransfer.Engine.Segmentation;

/// <summary>
/// Automatic semantic co-segmentation of a content and a style image, for when the user gives no masks: the
/// "semantic grouping" of Automated Deep Photo Style Transfer (Penhouët and Sanzenbacher, 2019) without
/// pretrained scene-parsing weights.
/// <para>
/// Both images are described on a common grid by the backbone's activations (each layer upsampled to the grid of
/// the first one, centered on the image's mean activation so that lighting and time of day do not separate the two
/// images, and L2-normalized per position), plus a small weight of CIE Lab colour (also centered per image) and of
/// position. All
/// positions of both images are clustered together by k-means (k-means++ initialization, seeded), so a cluster
/// means the same thing in both. Semantic grouping then merges the over-segmentation: a group that covers less
/// than <see cref="AutoSegmentationOptions.MinFraction"/> of either image is dissolved (each of its positions
/// goes to the nearest remaining centroid), the two most similar groups are merged while the cosine similarity of their (uncentered, normalized) deep-feature centroids exceeds <see cref="AutoSegmentationOptions.MergeSimilarity"/> or there
/// are more than <see cref="AutoSegmentationOptions.MaxGroups"/>. Every remaining group thus exists in both
/// images (no orphans). A 3x3 mode filter on the grid and bilinear upsampling of the one-hot groups to the
/// image sizes keep the label maps free of salt-and-pepper noise.
/// </para>
/// k-means was preferred to Deep Feature Factorization (NMF, Collins et al. 2018) because its hard assignments
/// and centroids are exactly what the grouping step needs, and it is deterministic given the seed.
/// </summary>
public static class AutoCoSegmentation
{
    /// <summary>
    /// Segments <paramref name="content"/> and <paramref name="style"/> ([1,3,H,W], RGB in [0,1], any device)
    /// into the same groups. Labels index <see cref="ColorLabelMasks.Palette"/>, the group covering most of the
    /// content first. Deterministic for a given seed and device.
    /// </summary>
    public static (LabelMap Content, LabelMap Style) Segment(IBackbone backbone, Tensor content, Tensor style, AutoSegmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        options.Validate();
        CheckImage(content, nameof(content));
        CheckImage(style, nameof(style));
        LayerSelection.Validate(backbone.Name, backbone.LayerNames, options.Layers);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var c = Describe(backbone, content, options);
        var s = Describe(backbone, style, options);
        using var points = cat([c.Points, s.Points], 0);
        using var deep = cat([c.Deep, s.Deep], 0);
        int contentCount = (int)c.Points.shape[0];

        var labels = KMeans(points, options.Clusters, options.Seed, options.Iterations);
        var grouping = new Grouping(points, deep, labels, contentCount);
        grouping.ModeFilter(c.Height, c.Width, s.Height, s.Width);
        while (grouping.MergeOnce(options)) { }
        grouping.ModeFilter(c.Height, c.Width, s.Height, s.Width);
        // The filter may have pushed a group under the minimum; dissolving it again needs no further filtering.
        while (grouping.MergeOnce(options)) { }

        int groups = grouping.Compact();
        var order = Enumerable.Range(0, groups)
            .OrderByDescending(g => grouping.Count(g, content: true))
            .ThenByDescending(g => grouping.Count(g, content: false))
            .ToArray();
        var palette = new byte[groups];
        for (int rank = 0; rank < groups; rank++) palette[order[rank]] = (byte)rank;

        var final = grouping.Labels;
        return (
            Upsample("auto:content", final.AsSpan(0, contentCount), c.Height, c.Width, groups, palette, content, backbone.Device),
            Upsample("auto:style", final.AsSpan(contentCount), s.Height, s.Width, groups, palette, style, backbone.Device));
    }

    static void CheckImage(Tensor image, string name)
    {
        ArgumentNullException.ThrowIfNull(image, name);
        if (image.dim() != 4 || image.shape[0] != 1 || image.shape[1] != 3)
            throw new ArgumentException($"{name} image must be [1,3,H,W]; got [{string.Join(",", image.shape)}]", name);
        if (!image.is_floating_point())
            throw new ArgumentException($"{name} image must be floating point RGB in [0,1]; got {image.dtype}", name);
        if (image.shape[2] < 8 || image.shape[3] < 8)
            throw new ArgumentException($"{name} image is {image.shape[3]}x{image.shape[2]} px; at least 8x8 is needed", name);
    }

    sealed record Description(Tensor Points, Tensor Deep, int Height, int Width);

    /// <summary>
    /// Per grid position (row-major): the clustered points [normalized (centered) deep features | Lab colour |
    /// position] as [N, D], and the plain normalized deep features whose centroids decide merges.
    /// </summary>
    static Description Describe(IBackbone backbone, Tensor image, AutoSegmentationOptions o)
    {
        long h = image.shape[2], w = image.shape[3];
        double scale = o.AnalysisSide / Math.Sqrt(h * w);
        long ah = Math.Max(32, (long)Math.Round(h * scale)), aw = Math.Max(32, (long)Math.Round(w * scale));
        var rgb = image.to(backbone.Device).to(ScalarType.Float32).clamp(0, 1);
        var resized = F.interpolate(rgb, [ah, aw], mode: ah < h ? InterpolationMode.Area : InterpolationMode.Bilinear,
            align_corners: ah < h ? null : false);

        var activations = backbone.Extract(resized, o.Layers.Distinct().ToList());
        var first = activations[o.Layers[0]];
        long gh = first.shape[2], gw = first.shape[3];
        double layerWeight = 1 / Math.Sqrt(activations.Count);
        var parts = new List<Tensor>();
        var raw = new List<Tensor>();
        foreach (var name in o.Layers.Distinct())
        {
            var a = activations[name];
            if (a.shape[2] != gh || a.shape[3] != gw)
                a = F.interpolate(a, [gh, gw], mode: InterpolationMode.Bilinear, align_corners: false);
            raw.Add(F.normalize(a, dim: 1).mul(layerWeight));
            parts.Add(o.CenterPerImage ? F.normalize(a.sub(a.mean([2, 3], keepdim: true)), dim: 1).mul(layerWeight) : raw[^1]);
        }
        var small = F.interpolate(resized, [gh, gw], mode: InterpolationMode.Area);
        var lab = ToLab(small).div(100);
        if (o.CenterPerImage) lab = lab.sub(lab.mean([2, 3], keepdim: true));
        parts.Add(lab.mul(o.ColorWeight));
        var ys = linspace(0, 1, gh, device: backbone.Device).view(1, 1, gh, 1).expand(1, 1, gh, gw);
        var xs = linspace(0, 1, gw, device: backbone.Device).view(1, 1, 1, gw).expand(1, 1, gh, gw);
        parts.Add(cat([ys, xs], 1).mul(o.PositionWeight));
        var points = cat(parts, 1).view(-1, gh * gw).t().contiguous();
        var deep = cat(raw, 1).view(-1, gh * gw).t().contiguous();
        return new Description(points, deep, (int)gh, (int)gw);
    }

    /// <summary>sRGB in [0,1] to CIE L*a*b* (D65), [1,3,h,w].</summary>
    static Tensor ToLab(Tensor rgb)
    {
        var linear = where(rgb.le(0.04045), rgb.div(12.92), rgb.add(0.055).div(1.055).pow(2.4));
        var m = tensor(new float[]
        {
            0.4124564f / 0.95047f, 0.3575761f / 0.95047f, 0.1804375f / 0.95047f,
            0.2126729f, 0.7151522f, 0.0721750f,
            0.0193339f / 1.08883f, 0.1191920f / 1.08883f, 0.9503041f / 1.08883f,
        }, [3, 3], device: rgb.device);
        var xyz = einsum("ij,njhw->nihw", m, linear);
        const double delta = 6.0 / 29;
        var f = where(xyz.gt(delta * delta * delta), xyz.clamp_min(1e-12).pow(1.0 / 3), xyz.div(3 * delta * delta).add(4.0 / 29));
        var fx = f[.., 0..1]; var fy = f[.., 1..2]; var fz = f[.., 2..3];
        return cat([fy.mul(116).sub(16), fx.sub(fy).mul(500), fy.sub(fz).mul(200)], 1);
    }

    /// <summary>Lloyd's k-means with k-means++ seeding (Arthur and Vassilvitskii 2007); returns the label of each row.</summary>
    static int[] KMeans(Tensor x, int k, int seed, int iterations)
    {
        var rng = new Random(seed);
        int n = (int)x.shape[0];
        var chosen = new List<long> { rng.Next(n) };
        var d2 = x.sub(x[chosen[0]]).pow(2).sum(dim: 1);
        while (chosen.Count < k)
        {
            var weights = d2.cpu().data<float>().ToArray();
            double total = weights.Sum(v => (double)v);
            if (total <= 1e-12) break; // fewer distinct points than clusters
            double r = rng.NextDouble() * total, acc = 0;
            int pick = n - 1;
            for (int i = 0; i < n; i++)
            {
                acc += weights[i];
                if (acc >= r && weights[i] > 0) { pick = i; break; }
            }
            chosen.Add(pick);
            using var next = x.sub(x[pick]).pow(2).sum(dim: 1);
            var updated = minimum(d2, next);
            d2.Dispose();
            d2 = updated;
        }
        d2.Dispose();

        var centers = x.index_select(0, tensor(chosen.ToArray(), device: x.device));
        int[] labels = [];
        using var squared = x.pow(2).sum(1, keepdim: true);
        for (int it = 0; it < iterations; it++)
        {
            using var step = NewDisposeScope();
            var distances = squared.sub(x.mm(centers.t()).mul(2)).add(centers.pow(2).sum(dim: 1).unsqueeze(0));
            var assignment = distances.argmin(1);
            var next = assignment.cpu().data<long>().ToArray().Select(v => (int)v).ToArray();
            if (next.AsSpan().SequenceEqual(labels)) break;
            labels = next;
            var onehot = F.one_hot(assignment, centers.shape[0]).to(x.dtype);
            var counts = onehot.sum(dim: 0).unsqueeze(1);
            var moved = where(counts.gt(0), onehot.t().mm(x).div(counts.clamp_min(1)), centers);
            centers.Dispose();
            centers = moved.DetachFromDisposeScope();
        }
        centers.Dispose();
        return labels;
    }

    /// <summary>The semantic grouping of the joint clusters; labels are rows of the stacked content+style points.</summary>
    sealed class Grouping(Tensor points, Tensor deep, int[] labels, int contentCount)
    {
        public int[] Labels => labels;

        public int Count(int group, bool content)
        {
            int from = content ? 0 : contentCount, to = content ? contentCount : labels.Length, count = 0;
            for (int i = from; i < to; i++) if (labels[i] == group) count++;
            return count;
        }

        /// <summary>Renumbers the groups 0..K-1 in order of first appearance; returns K.</summary>
        public int Compact()
        {
            var map = new Dictionary<int, int>();
            for (int i = 0; i < labels.Length; i++)
            {
                if (!map.TryGetValue(labels[i], out var m)) map[labels[i]] = m = map.Count;
                labels[i] = m;
            }
            return map.Count;
        }

        /// <summary>One grouping step; false when every group is large enough in both images, distinct enough, and few enough.</summary>
        public bool MergeOnce(AutoSegmentationOptions o)
        {
            int k = Compact();
            if (k <= 1) return false;
            int otherCount = labels.Length - contentCount;
            var smallest = Enumerable.Range(0, k)
                .Select(g => (Group: g, Share: Math.Min((double)Count(g, true) / contentCount, (double)Count(g, false) / otherCount)))
                .MinBy(t => t.Share);

            using var scope = NewDisposeScope();
            var labelTensor = tensor(labels.Select(l => (long)l).ToArray(), device: points.device);
            var onehot = F.one_hot(labelTensor, k).to(points.dtype);
            var centroids = onehot.t().mm(points).div(onehot.sum(dim: 0).unsqueeze(1).clamp_min(1));
            if (smallest.Share < o.MinFraction)
            {
                Dissolve(smallest.Group, centroids);
                return true;
            }

            var deepCentroids = F.normalize(onehot.t().mm(deep), dim: 1);
            var similarity = deepCentroids.mm(deepCentroids.t()).cpu().data<float>().ToArray();
            (int A, int B, double Sim) best = (-1, -1, double.NegativeInfinity);
            for (int a = 0; a < k; a++)
                for (int b = a + 1; b < k; b++)
                    if (similarity[a * k + b] > best.Sim) best = (a, b, similarity[a * k + b]);
            if (best.Sim > o.MergeSimilarity || k > o.MaxGroups)
            {
                for (int i = 0; i < labels.Length; i++) if (labels[i] == best.B) labels[i] = best.A;
                return true;
            }
            return false;
        }

        void Dissolve(int group, Tensor centroids)
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == group).Select(i => (long)i).ToArray();
            var memberPoints = points.index_select(0, tensor(members, device: points.device));
            var distances = cdist(memberPoints, centroids);
            distances[.., group] = float.PositiveInfinity;
            var nearest = distances.argmin(1).cpu().data<long>().ToArray();
            for (int m = 0; m < members.Length; m++) labels[members[m]] = (int)nearest[m];
        }

        /// <summary>3x3 majority filter of each image's grid labels (ties keep the current label).</summary>
        public void ModeFilter(int ch, int cw, int sh, int sw)
        {
            int k = Compact();
            Filter(0, ch, cw, k);
            Filter(contentCount, sh, sw, k);
        }

        void Filter(int offset, int h, int w, int k)
        {
            using var scope = NewDisposeScope();
            var grid = tensor(labels.AsSpan(offset, h * w).ToArray().Select(l => (long)l).ToArray(), [1, h, w]);
            var onehot = F.one_hot(grid, k).permute(0, 3, 1, 2).to(ScalarType.Float32);
            var votes = F.avg_pool2d(onehot, 3, stride: 1, padding: 1, count_include_pad: false).add(onehot.mul(0.01));
            var filtered = votes.argmax(1).view(-1).data<long>().ToArray();
            for (int i = 0; i < filtered.Length; i++) labels[offset + i] = (int)filtered[i];
        }
    }

    /// <summary>Bilinear upsampling of the one-hot groups to the image size, then argmax: smooth, unblocky boundaries.</summary>
    static LabelMap Upsample(string source, ReadOnlySpan<int> grid, int gh, int gw, int groups, byte[] palette, Tensor image, Device device)
    {
        int h = (int)image.shape[2], w = (int)image.shape[3];
        using var scope = NewDisposeScope();
        var labels = tensor(grid.ToArray().Select(l => (long)l).ToArray(), [1, gh, gw], device: device);
        var onehot = F.one_hot(labels, groups).permute(0, 3, 1, 2).to(ScalarType.Float32);
        var soft = F.interpolate(onehot, [h, w], mode: InterpolationMode.Bilinear, align_corners: false);
        var lut = tensor(palette.Select(p => (long)p).ToArray(), device: device);
        var full = lut.index_select(0, soft.argmax(1).view(-1)).to(ScalarType.Byte).cpu();
        return new LabelMap(source, w, h, full.data<byte>().ToArray());
    }
}
