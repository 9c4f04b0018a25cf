using ChatFlow;

namespace ShopBot;

/// <summary>
/// The support bot, a second bot in the same host (<c>services.AddChatFlow("support")</c>): instructions, a complaint
/// form and feedback. Bad feedback, a second message in a row it does not understand and "Call an operator" hand the
/// conversation to a human on the operator desk.
/// </summary>
public static class SupportScenario
{
    /// <summary>The bot's name: its service key, and its web chat's path (<c>/webchat/support/</c>).</summary>
    public const string BotName = "support";

    /// <summary>The main menu's buttons.</summary>
    public static readonly Keyboard Menu = Buttons.Rows(["Instructions", "Complaint"], ["Feedback", "Call an operator"]);

    /// <summary>Builds the scenario.</summary>
    /// <returns>The scenario.</returns>
    public static Scenario Create() => Scenario.Define("support", s =>
    {
        s.Always()
            .OnCommand("start").GoTo("menu")
            .OnCommand("menu").GoTo("menu")
            .OnButton("Call an operator").Say("Connecting you to an operator: they will write to you here.").HandOff("asked for a human")
            .OnText("operator", "human", "manager").Say("Connecting you to an operator: they will write to you here.").HandOff("asked for a human")
            .Otherwise().Do((c, _) =>
            {
                // The golden rule: when the bot cannot help, a human takes over. Twice in a row is enough.
                if (c.FallbacksInARow >= 2)
                {
                    c.Say("I'd better ask a colleague: an operator will write to you here.");
                    c.HandOff("the bot did not understand twice");
                }
                else
                {
                    c.Say("Sorry, I didn't understand. Please pick a button below.", Menu);
                }

                return ValueTask.CompletedTask;
            });

        s.Step("menu")
            .Say("Hi! This is ChatFlow Shop support. What do you need?", Menu)
            .OnButton("Instructions").GoTo("instructions")
            .OnButton("Complaint").GoTo("complaint")
            .OnButton("Feedback").GoTo("feedback");

        s.Step("instructions")
            .Say("Which one?", Buttons.Rows(["Espresso", "Filter"], ["Menu"]))
            .OnButton("Espresso").Say("Espresso: 18 g of fine grind, 36 g out in 25-30 seconds at 93 °C.").Stay()
            .OnButton("Filter").Say("Filter: 60 g of medium grind per litre, 4 minutes at 94 °C.").Stay()
            .OnButton("Menu").GoTo("menu");

        s.Form("complaint", f => f
            .Ask("order", "What is the order number?", Input.Integer(min: 1, error: "Please send the order number, digits only."))
            .Ask("problem", "What went wrong?", Input.Text(minLength: 5, maxLength: 1000, error: "Please describe the problem in a few words."))
            .SayWhenDone("Thank you, your complaint is registered; we answer within one working day.")
            .OnButton("Cancel").Say("Complaint cancelled.").GoTo("menu")
            .Then("menu"));

        s.Step("feedback")
            .Say("How was your last order?", Buttons.Rows(["Good", "Bad"]))
            .OnButton("Good").Say("Thank you! We are glad you liked it.").GoTo("menu")
            .OnButton("Bad").Say("We're sorry. An operator will write to you here to make it right.").HandOff("bad feedback");
    });
}
