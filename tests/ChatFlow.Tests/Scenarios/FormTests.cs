using ChatFlow;
using ChatFlow.Testing;

namespace ChatFlow.Tests.Scenarios;

public class FormTests
{
    private static Scenario Booking(List<string> done) => Scenario.Define("t", s =>
    {
        s.Always().OnCommand("start").GoTo("menu");
        s.Step("menu").Say("Menu", Buttons.Rows(["Book"])).OnButton("Book").GoTo("book");
        s.Form("book", f => f
            .Say("Let's book a table.")
            .Ask("guests", "How many guests?", Input.Integer(1, 12), retry: "From 1 to 12, please.", maxAttempts: 2)
            .Ask("date", "Which date?", Input.Date())
            .Ask("phone", "Your phone?", Input.Phone(), label: "Phone number")
            .Ask("terrace", "On the terrace?", Input.YesNo())
            .Confirm(c => $"{c["guests"]} guests on {c.Values.Get<DateOnly>("date"):yyyy-MM-dd}, {c["phone"]}, terrace: {c["terrace"]}. Right?")
            .OnDone((c, _) =>
            {
                done.Add($"{c.Values.Get<long>("guests")}|{c["phone"]}");
                return default;
            })
            .SayWhenDone("Booked!")
            .OnButton("Cancel").Say("Cancelled.").GoTo("menu")
            .OnGiveUp().Say("Let's stop.").GoTo("menu")
            .Then("menu"));
    });

    [Fact]
    public async Task Form_CollectsTypedValues_ConfirmsAndFinishes()
    {
        var done = new List<string>();
        await using var t = new ChatTester(Booking(done));
        await t.SendAsync("/start");
        (await t.PressAsync("Book")).ShouldReply("Let's book a table.").ShouldReply("How many guests?").ShouldBeAt("book/guests");
        (await t.SendAsync("4")).ShouldReply("Which date?");
        (await t.SendAsync("31.12.2026")).ShouldReply("Your phone?").ShouldOfferButtons("Share my phone");
        (await t.ShareContactAsync("79991234567")).ShouldReply("On the terrace?").ShouldOfferButtons("Yes", "No");
        (await t.PressAsync("Yes")).ShouldReply("4 guests on 2026-12-31, +79991234567, terrace: True. Right?").ShouldOfferButtons("Yes", "Change");
        t.ShouldHaveValue("guests", 4L).ShouldHaveValue("date", new DateOnly(2026, 12, 31)).ShouldHaveValue("terrace", true);
        (await t.PressAsync("Yes")).ShouldReply("Booked!").ShouldReply("Menu").ShouldBeAt("menu");
        Assert.Equal(["4|+79991234567"], done);
    }

    [Fact]
    public async Task Form_ReasksInvalidAnswers_ThenGivesUp()
    {
        var done = new List<string>();
        await using var t = new ChatTester(Booking(done));
        await t.SendAsync("/start");
        await t.PressAsync("Book");
        (await t.SendAsync("lots")).ShouldReply("From 1 to 12, please.").ShouldBeAt("book/guests");
        (await t.SendAsync("99")).ShouldReply("Let's stop.").ShouldReply("Menu").ShouldBeAt("menu");
        Assert.Empty(done);
    }

    [Fact]
    public async Task Form_InputErrorMessage_IsUsedWithoutRetryText()
    {
        await using var t = new ChatTester(Booking([]));
        await t.SendAsync("/start");
        await t.PressAsync("Book");
        await t.SendAsync("2");
        (await t.SendAsync("someday")).ShouldReply("Please send a date").ShouldBeAt("book/date");
    }

    [Fact]
    public async Task Form_ChangeOneAnswer_ReturnsToConfirmation()
    {
        var done = new List<string>();
        await using var t = new ChatTester(Booking(done));
        await t.SendAsync("/start");
        await t.PressAsync("Book");
        await t.SendAsync("4");
        await t.SendAsync("2026-12-31");
        await t.SendAsync("+7 999 123 45 67");
        await t.SendAsync("no");
        (await t.PressAsync("Change")).ShouldOfferButtons("Guests", "Date", "Phone number", "Terrace");
        (await t.PressAsync("Guests")).ShouldReply("How many guests?").ShouldBeAt("book/guests");
        (await t.SendAsync("6")).ShouldReply("6 guests on 2026-12-31, +79991234567, terrace: False").ShouldBeAt("book/confirm");
        await t.PressAsync("Yes");
        Assert.Equal(["6|+79991234567"], done);
    }

    [Fact]
    public async Task Form_Rules_ApplyOnEveryQuestion_BeforeTheAnswer()
    {
        await using var t = new ChatTester(Booking([]));
        await t.SendAsync("/start");
        await t.PressAsync("Book");
        await t.SendAsync("3");
        (await t.SendAsync("cancel")).ShouldReply("Cancelled.").ShouldBeAt("menu");
        (await t.PressAsync("Book")).ShouldReply("How many guests?");
        (await t.SendAsync("/start")).ShouldReply("Menu").ShouldBeAt("menu");
    }

    [Fact]
    public async Task Form_PhoneOnTextOnlyChannel_AsksForText()
    {
        await using var t = new ChatTester(Booking([]), capabilities: ChannelCapabilities.TextOnly);
        await t.SendAsync("/start");
        await t.SendAsync("Book");
        await t.SendAsync("2");
        (await t.SendAsync("2026-12-31")).ShouldReply("Your phone?");
        Assert.Null(t.Replies[^1].Keyboard);
        (await t.SendAsync("+44 20 7946 0958")).ShouldReply("On the terrace?").ShouldReply("1. Yes").ShouldHaveValue("phone", "+442079460958");
    }

    [Fact]
    public async Task Form_WithoutConfirm_FinishesAfterTheLastAnswer_AndValuesSurviveRestart()
    {
        var store = new InMemoryConversationStore();
        var scenario = Scenario.Define("t", s =>
        {
            s.Step("menu").Say("Menu").OnText("sub").GoTo("sub");
            s.Form("sub", f => f.Ask("email", "Email?", Input.Email()).SayWhenDone("Subscribed.").Then("menu"));
        });
        await using (var t = new ChatTester(scenario, b => b.UseStore(store)))
        {
            await t.SendAsync("hi");
            (await t.SendAsync("sub")).ShouldReply("Email?");
        }

        // A new bot on the same store: the conversation continues where it was.
        await using var again = new ChatTester(scenario, b => b.UseStore(store));
        (await again.SendAsync("Anna@Example.com")).ShouldReply("Subscribed.").ShouldBeAt("menu").ShouldHaveValue("email", "anna@example.com");
    }
}
