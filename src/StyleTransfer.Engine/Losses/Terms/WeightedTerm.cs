namespace StyleTransfer.Engine.Losses.Terms;

/// <summary>A term and its weight in an objective; a zero weight leaves the term out.</summary>
public sealed record WeightedTerm(ILossTerm Term, double Weight);
