using Verifier.Core.Access;

namespace Verifier.Core.Packs;

/// <summary>Who asks: the client and the premises it operates at (undo is tied to the premises).</summary>
public sealed record Requester(string ClientId, string LocationId, ClientRole Role = ClientRole.Pharmacy);
