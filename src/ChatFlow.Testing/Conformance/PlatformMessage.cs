namespace ChatFlow.Testing.Conformance;

/// <summary>A message as the fake platform received it from the channel, in neutral terms.</summary>
/// <param name="Text">The text (or caption) the user would see; null when there is none.</param>
/// <param name="Buttons">The buttons shown with it, row by row flattened, in order.</param>
public sealed record PlatformMessage(string? Text, IReadOnlyList<PlatformButton> Buttons);
