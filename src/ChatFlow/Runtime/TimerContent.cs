namespace ChatFlow;

/// <summary>A due step timeout, re-entering its conversation's queue as a synthetic message.</summary>
/// <param name="Timer">The timer.</param>
internal sealed record TimerContent(ScheduledTimer Timer) : MessageContent
{
    public override string ToString() => "timer";
}
