using Microsoft.Extensions.Logging;

namespace ChatFlow.AspNetCore;

/// <summary>Log messages of the ASP.NET Core hosting (event ids 6001–6099).</summary>
internal static partial class AspNetCoreLog
{
    [LoggerMessage(6001, LogLevel.Information, "Mapped the {Channel} webhook at {Path}")]
    public static partial void WebhookMapped(ILogger logger, string channel, string path);

    [LoggerMessage(6002, LogLevel.Debug, "A webhook request for the unknown channel {Channel} was answered 404")]
    public static partial void UnknownChannel(ILogger logger, string channel);

    [LoggerMessage(6003, LogLevel.Warning, "A {Channel} webhook body over the {Limit}-byte limit was refused with 413")]
    public static partial void BodyTooLarge(ILogger logger, string channel, long limit);

    [LoggerMessage(6004, LogLevel.Information, "A {Channel} webhook request arrived while the host is stopping; answered 503 so the platform retries")]
    public static partial void Stopping(ILogger logger, string channel);

    [LoggerMessage(6005, LogLevel.Error, "The {Channel} webhook handler failed; answered 500")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(6006, LogLevel.Debug, "The {Channel} webhook answered {StatusCode}")]
    public static partial void Answered(ILogger logger, string channel, int statusCode);
}
