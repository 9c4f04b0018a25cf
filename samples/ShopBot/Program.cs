using ChatFlow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShopBot;

if (args.Contains("--diagram"))
{
    var scenario = ShopScenario.Create();
    Console.WriteLine(args.Contains("--dot") ? scenario.ToDot() : scenario.ToMermaid());
    return 0;
}

if (!args.Contains("--console"))
{
    // Web mode (the default): the chat page at http://localhost:5080, the messengers whose settings are present,
    // their webhooks under /webhooks and the health report at /health; until Ctrl+C.
    await using var app = ShopWebHost.Build(args);
    await app.RunAsync();
    return 0;
}

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Services.AddSingleton<ILeadSink, InMemoryLeadSink>();
// In the console you are the operator too: a hand-off says so, and /bot gives the conversation back.
var flow = builder.Services.AddChatFlow(o => o.OnHandOff = (_, reason, _) =>
{
    Console.WriteLine($"[handed to an operator: {reason}. You are the operator now; type /bot to give the conversation back to the bot]");
    return ValueTask.CompletedTask;
}).AddScenario(ShopScenario.Create());
builder.Logging.SetMinimumLevel(LogLevel.Warning);

// Console mode: no tokens, no network; type messages or pipe them in.
var terminal = new ConsoleChannel(Console.Out);
flow.AddChannel(terminal);
using var host = builder.Build();
await host.StartAsync();
var bot = host.Services.GetRequiredService<ChatBot>();
var user = new ChatUser("local", Environment.UserName);
var address = new ConversationAddress(terminal.Id, "local");
if (!Console.IsInputRedirected)
{
    Console.WriteLine("ChatFlow Shop: type a message, a button's number or its label; /start shows the menu. Ctrl+D quits.");
}

var update = 0;
while (Console.ReadLine() is { } line)
{
    if (line.Length == 0)
    {
        continue;
    }

    if (Console.IsInputRedirected)
    {
        Console.WriteLine("you> " + line);
    }

    if (line == "/bot")
    {
        await bot.ReturnToBotAsync(address);
        continue;
    }

    var message = new IncomingMessage(address, user, terminal.Read(line))
    {
        UpdateId = (++update).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Timestamp = bot.TimeProvider.GetUtcNow(),
    };
    await bot.DispatchAsync(message);
}

await host.StopAsync();
return 0;
