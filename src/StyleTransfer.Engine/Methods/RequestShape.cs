namespace StyleTransfer.Engine.Methods;

/// <summary>What a request holds besides its settings, as a method's <see cref="IStyleMethod.Validate"/> needs it.</summary>
public sealed record RequestShape(int Styles, bool HasMasks, int GuidancePoints = 0);
