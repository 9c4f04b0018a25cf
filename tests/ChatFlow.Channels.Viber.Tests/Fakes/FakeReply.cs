using Microsoft.AspNetCore.Http;

namespace ChatFlow.Channels.Viber.Tests;

/// <summary>A scripted answer of the fake Viber API.</summary>
internal sealed class FakeReply
{
    private FakeReply(int statusCode, string body, TaskCompletionSource? gate = null)
    {
        StatusCode = statusCode;
        Body = body;
        Gate = gate;
    }

    public int StatusCode { get; }

    public string Body { get; }

    /// <summary>Gets a gate the answer waits for (a slow server).</summary>
    public TaskCompletionSource? Gate { get; }

    /// <summary>Answers HTTP 200 with a JSON body, as Viber does even for errors.</summary>
    public static FakeReply Json(string body) => new(200, body);

    /// <summary>Answers HTTP 200 with a Viber status.</summary>
    public static FakeReply Status(int status, string message) => Json($$"""{"status":{{status}},"status_message":"{{message}}","chat_hostname":"SN-CHAT-05_"}""");

    /// <summary>Answers HTTP 200 with a body that is not JSON.</summary>
    public static FakeReply Malformed() => new(200, "<html><body>502 Bad Gateway</body></html>");

    /// <summary>Answers with an HTTP error.</summary>
    public static FakeReply Http(int statusCode) => new(statusCode, string.Empty);

    /// <summary>Answers only when <paramref name="gate"/> completes.</summary>
    public static FakeReply Slow(TaskCompletionSource gate, FakeReply then) => new(then.StatusCode, then.Body, gate);

    public async Task WriteAsync(HttpContext context)
    {
        if (Gate is not null)
        {
            await Gate.Task.WaitAsync(context.RequestAborted);
        }

        context.Response.StatusCode = StatusCode;
        if (Body.Length > 0)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(Body, context.RequestAborted);
        }
    }
}
