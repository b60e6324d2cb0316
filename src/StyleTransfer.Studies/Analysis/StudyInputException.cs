namespace StyleTransfer.Studies.Analysis;

/// <summary>An input the analysis cannot do without (the study key) is missing or unreadable; the message names it.</summary>
public sealed class StudyInputException(string message) : Exception(message);
