namespace ChatFlow;

/// <summary>A channel receiver's state for health checks.</summary>
/// <param name="State">What the receiver is doing.</param>
/// <param name="LastActivity">When it last received from the platform (a poll answered, a webhook call), if ever.</param>
/// <param name="LastError">The last error's description, without secrets; null when none.</param>
/// <param name="LastErrorAt">When the last error happened.</param>
public sealed record ReceiverStatus(ReceiverState State, DateTimeOffset? LastActivity = null, string? LastError = null, DateTimeOffset? LastErrorAt = null);
