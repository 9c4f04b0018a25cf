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
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<ILeadSink, InMemoryLeadSink>();
builder.Services.AddSingleton(new ConsoleChannel(Console.Out));
builder.Services.AddChatFlow()
    .AddScenario(ShopScenario.Create())
    .AddChannel<ConsoleChannel>();

using var host = builder.Build();
await host.StartAsync();
var bot = host.Services.GetRequiredService<ChatBot>();
var console = host.Services.GetRequiredService<ConsoleChannel>();
var user = new ChatUser("local", Environment.UserName);
var address = new ConversationAddress(console.Id, "local");

if (!Console.IsInputRedirected)
{
    Console.WriteLine("ChatFlow Shop: type a message, a button's number or its label. /start shows the menu; Ctrl+D or an empty line at EOF quits.");
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

    var message = new IncomingMessage(address, user, console.Read(line))
    {
        UpdateId = (++update).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Timestamp = bot.TimeProvider.GetUtcNow(),
    };
    await bot.DispatchAsync(message);
}

await host.StopAsync();
return 0;
