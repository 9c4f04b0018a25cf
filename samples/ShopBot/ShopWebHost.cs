using System.Text.Json;
using ChatFlow;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ShopBot;

/// <summary>
/// ShopBot as a web host: the page with the chat widget at <c>/</c>, the messengers' webhooks under
/// <c>/webhooks</c>, the health report at <c>/health</c>, a second bot (support) at <c>/webchat/support/</c> and the
/// operator desk for handed-off conversations at <c>/operator</c>. Messenger channels switch on when their settings
/// are present (environment variables or appsettings.json).
/// </summary>
public static class ShopWebHost
{
    /// <summary>The address ShopBot listens on unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or <c>SHOPBOT_URL</c> says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Builds the web host.</summary>
    /// <param name="args">The command line (<c>--urls http://127.0.0.1:0</c>, configuration overrides).</param>
    /// <returns>The application, not started.</returns>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(builder.Configuration["SHOPBOT_URL"] is { Length: > 0 } url ? url : DefaultUrl);
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services.AddSingleton<ILeadSink, InMemoryLeadSink>();
        builder.Services.AddSingleton<OperatorDesk>();
        var flow = builder.Services.AddChatFlow(o => OperatorDesk.Attach(o, bot: null)).AddScenario(ShopScenario.Create());

        // The website chat is always on. Visitor ids are signed with WEBCHAT_SIGNING_KEY; without one, a key
        // is made for this run (visitors then start a new chat after a restart).
        var signingKey = builder.Configuration["WEBCHAT_SIGNING_KEY"] is { Length: >= 32 } key
            ? key
            : Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        flow.AddWebChat(o =>
        {
            o.SigningKey = signingKey;
            o.Title = "ChatFlow Shop";
        });
        var channels = ShopChannels.AddConfigured(flow, builder.Configuration);

        // A second bot in the same host, with its own scenario, store and web chat (at /webchat/support/).
        builder.Services.AddChatFlow(SupportScenario.BotName, o => OperatorDesk.Attach(o, SupportScenario.BotName))
            .AddScenario(SupportScenario.Create())
            .AddWebChat(o =>
            {
                o.SigningKey = signingKey;
                o.Title = "ChatFlow Support";
            });
        builder.Services.AddHealthChecks().AddChatFlow();

        var app = builder.Build();
        app.MapGet("/", () => Results.Content(ShopPage.Html, "text/html; charset=utf-8"));
        app.MapChatFlow();
        OperatorDesk.Map(app);
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILogger<ChatBot>>();
            var messengers = channels.Count == 0 ? "no messenger configured" : "also on " + string.Join(", ", channels);
            var url = app.Urls.First().TrimEnd('/');
            logger.LogInformation(
                "ShopBot is running: open {Url} in a browser to chat ({Messengers}); the support bot is at {Url}/webchat/support/, handed-off chats wait at {Url}/operator. Press Ctrl+C to stop.",
                url,
                messengers,
                url,
                url);
        });
        return app;
    }

    private static async Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description);
            json.WriteStartObject("data");
            foreach (var (key, value) in entry.Data)
            {
                json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
