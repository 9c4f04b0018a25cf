using Microsoft.Extensions.Logging;

namespace ChatFlow.Channels.WebChat.Telemetry;

/// <summary>The web chat's log messages; stable event ids 6101-6199. Tokens and message text are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(6101, LogLevel.Debug, "Issued a web chat visitor id")]
    public static partial void VisitorIssued(ILogger logger);

    [LoggerMessage(6102, LogLevel.Information, "Refused a web chat request to {Path}: {Reason}")]
    public static partial void Refused(ILogger logger, string path, string reason);

    [LoggerMessage(6103, LogLevel.Information, "Web chat visitor {VisitorId} is sending too fast; retry in {RetryAfter}")]
    public static partial void RateLimited(ILogger logger, string visitorId, TimeSpan retryAfter);

    [LoggerMessage(6104, LogLevel.Debug, "Web chat visitor {VisitorId} opened an event stream after id {AfterId}")]
    public static partial void StreamOpened(ILogger logger, string visitorId, long afterId);

    [LoggerMessage(6105, LogLevel.Debug, "Web chat message {EntryId} of visitor {VisitorId} was a repeat; not dispatched again")]
    public static partial void Repeated(ILogger logger, long entryId, string visitorId);

    [LoggerMessage(6106, LogLevel.Information, "Refused a new web chat visitor: too many from one client network; retry in {RetryAfter}")]
    public static partial void TooManyNewVisitors(ILogger logger, TimeSpan retryAfter);
}
