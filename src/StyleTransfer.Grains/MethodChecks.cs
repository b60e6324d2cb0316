using StyleTransfer.Contracts;
using StyleTransfer.Engine.Methods;

namespace StyleTransfer.Grains;

/// <summary>A job's method settings and items against the chosen method's rules, before the job is accepted.</summary>
public static class MethodChecks
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first item (or the job's settings) the method refuses.</summary>
    public static void Validate(JobSpec spec)
    {
        Check(spec.Options, null, $"job '{spec.JobId}'");
        foreach (var item in spec.Items ?? [])
            Check(item.OptionsOr(spec.Options), item, $"item '{item.ItemId}'");
    }

    /// <summary>What the item's method refuses in it, or null.</summary>
    public static string? Problem(MethodSpec options, JobItemSpec item)
    {
        try
        {
            Check(options, item, $"item '{item.ItemId}'");
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    static void Check(MethodSpec spec, JobItemSpec? item, string what)
    {
        try
        {
            var options = MethodSpecMapping.ToEngine(spec);
            var method = MethodRegistry.Get(options.Method);
            if (item is null) method.Validate(options);
            else method.Validate(options, new RequestShape(item.Styles.Count, item.HasMasks, item.GuidancePoints?.Count ?? 0));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{what}: {e.Message}", e);
        }
    }
}
