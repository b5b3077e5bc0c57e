namespace Verifier.Core.Identification.Gs1;

/// <summary>The first thing wrong with a value, at an offset within the value.</summary>
internal readonly record struct ValueFault(ScanProblemCode Code, int Offset, string Message);
