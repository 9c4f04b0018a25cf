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

var builder = Host.CreateApplicationBuilder(args);
var console = args.Contains("--console");
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Services.AddSingleton<ILeadSink, InMemoryLeadSink>();
var flow = builder.Services.AddChatFlow().AddScenario(ShopScenario.Create());
var channels = console ? [] : ShopChannels.AddConfigured(flow, builder.Configuration);
builder.Logging.SetMinimumLevel(channels.Count > 0 ? LogLevel.Information : LogLevel.Warning);

if (channels.Count > 0)
{
    // Messenger mode: the channels receive updates until Ctrl+C.
    using var server = builder.Build();
    server.Services.GetRequiredService<ILogger<ChatBot>>().LogInformation("ShopBot is running on {Channels}. Press Ctrl+C to stop.", string.Join(", ", channels));
    await server.RunAsync();
    return 0;
}

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

    var message = new IncomingMessage(address, user, terminal.Read(line))
    {
        UpdateId = (++update).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Timestamp = bot.TimeProvider.GetUtcNow(),
    };
    await bot.DispatchAsync(message);
}

await host.StopAsync();
return 0;
