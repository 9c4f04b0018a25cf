using ChatFlow;
using ChatFlow.Testing;
using ShopBot;

namespace ChatFlow.Tests.Samples;

public class ShopBotTests
{
    private sealed class Leads : IServiceProvider, ILeadSink
    {
        public List<Lead> Received { get; } = [];

        public object? GetService(Type serviceType) => serviceType == typeof(ILeadSink) ? this : null;

        public ValueTask SendAsync(Lead lead, CancellationToken cancellationToken)
        {
            Received.Add(lead);
            return default;
        }
    }

    [Fact]
    public async Task OrderDialog_MatchesTheReadme()
    {
        var leads = new Leads();
        await using var t = new ChatTester(ShopScenario.Create(), b => b.UseServices(leads));
        (await t.SendAsync("/start")).ShouldReply("Welcome to ChatFlow Shop").ShouldOfferButtons("Catalog", "Order", "FAQ", "Call an operator");
        (await t.PressAsync("Order")).ShouldReply("What is your name?");
        (await t.SendAsync("Anna")).ShouldReply("Your phone number?").ShouldOfferButtons("Share my phone");
        (await t.SendAsync("abc")).ShouldReply("doesn't look like a phone number").ShouldBeAt("order/phone");
        (await t.SendAsync("+7 999 123 45 67")).ShouldReply("Order for Anna, +79991234567. Confirm?").ShouldOfferButtons("Yes", "Change");
        (await t.PressAsync("Yes")).ShouldReply("Thank you!").ShouldReply("How can I help?").ShouldBeAt("menu");
        Assert.Equal([new Lead("Anna", "+79991234567")], leads.Received);
    }

    [Fact]
    public async Task OperatorAndFaq_AreAlwaysReachable()
    {
        await using var t = new ChatTester(ShopScenario.Create(), b => b.UseServices(new Leads()));
        await t.SendAsync("/start");
        await t.PressAsync("Order");
        (await t.PressAsync("Call an operator")).ShouldReply("An operator will write back");
        Assert.Equal(ConversationMode.Operator, t.State!.Mode);

        // With the operator the bot keeps quiet, even for commands, until the operator gives the conversation back.
        (await t.SendAsync("/menu")).ShouldNotReply();
        await t.Bot.ReturnToBotAsync(t.Address);
        Assert.Equal(ConversationMode.Bot, (await t.Bot.GetConversationAsync(t.Address))!.Mode);
        Assert.Contains("How can I help?", t.LastReply!.Text, StringComparison.Ordinal);
        await t.SendAsync("/menu");
        await t.PressAsync("FAQ");
        (await t.PressAsync("Delivery")).ShouldReply("1-3 days").ShouldBeAt("faq");
        (await t.PressAsync("Menu")).ShouldBeAt("menu");
        await t.PressAsync("Catalog");
        (await t.PressAsync("Back")).ShouldReply("How can I help?").ShouldBeAt("menu");
    }

    [Fact]
    public async Task ConsoleChannel_MapsNumbersAndLabelsToButtons()
    {
        using var output = new StringWriter();
        var console = new ConsoleChannel(output);
        var address = new ConversationAddress(ChannelId.Console, "local");
        var keyboard = new Keyboard([[Button.Reply("Catalog"), Button.Callback("Order", "order")]]);
        await console.SendAsync(new OutgoingDelivery(address, new OutgoingMessage("Menu", keyboard), "k"), default);
        Assert.Contains("[1] Catalog  [2] Order", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(new TextContent("Catalog"), console.Read("1"));
        Assert.Equal(new ButtonContent("order", "Order"), console.Read("order"));
        Assert.Equal(new CommandContent("start"), console.Read("/start"));
        Assert.Equal(new TextContent("7"), console.Read("7"));
    }
}
