namespace StyleTransfer.Studies.Packaging;

/// <param name="PostUrl">where the pages POST their answers JSON (null: download only).</param>
/// <param name="PublicUrl">the absolute URL the public folder will be served from, for the crowdsourcing batch
/// (null: URLs relative to the public folder).</param>
/// <param name="Parallelism">images blinded at once.</param>
public sealed record StudyPackageOptions(string? PostUrl = null, string? PublicUrl = null, int Parallelism = 0);
