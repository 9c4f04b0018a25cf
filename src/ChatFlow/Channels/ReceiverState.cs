namespace ChatFlow;

/// <summary>What a channel receiver is doing.</summary>
public enum ReceiverState
{
    /// <summary>Not started yet, or starting.</summary>
    Starting,

    /// <summary>Taking updates.</summary>
    Running,

    /// <summary>Running, but the last attempts failed (network errors, conflicts); it keeps retrying.</summary>
    Degraded,

    /// <summary>Stopped on purpose (the host is shutting down, or the receiver is not used in this mode).</summary>
    Stopped,

    /// <summary>Stopped by an error it cannot recover from.</summary>
    Failed,
}
