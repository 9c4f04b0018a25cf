namespace ChatFlow;

/// <summary>Where a rule leaves the conversation.</summary>
internal enum TerminalKind
{
    Stay,
    GoTo,
    Back,
    End,
    HandOff,
}
