namespace StyleTransfer.Studies.Simulation;

/// <summary>
/// Simulated raters for checking the analysis (never for real studies): <see cref="Raters"/> raters in all, of whom
/// <see cref="Careless"/> answer every trial at random and fast. Careful raters choose between conditions by the
/// Bradley–Terry model with the true log-strengths <see cref="Strengths"/> (condition → β; missing conditions 0),
/// keep their opinion when a comparison is repeated, pick a gold trial's known answer, and lapse into a random answer
/// with probability <see cref="Lapse"/>. Raters
/// are dealt to assignments in turn, so with more raters than assignments an assignment is answered several times.
/// </summary>
public sealed record SimulationOptions(
    int Raters,
    int Careless,
    int Seed,
    IReadOnlyDictionary<string, double> Strengths,
    double Lapse = 0.02);
