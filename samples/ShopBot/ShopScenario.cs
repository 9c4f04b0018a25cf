using ChatFlow;

namespace ShopBot;

/// <summary>The shop bot's scenario: a menu, FAQ answers, an order form with a reminder, and a way to an operator.</summary>
public static class ShopScenario
{
    /// <summary>The main menu's buttons.</summary>
    public static readonly Keyboard Menu = Buttons.Rows(["Catalog", "Order"], ["FAQ", "Call an operator"]);

    /// <summary>Builds the scenario.</summary>
    /// <returns>The scenario.</returns>
    public static Scenario Create() => Scenario.Define("shop", s =>
    {
        s.Always()
            .OnCommand("start").GoTo("menu")
            .OnCommand("menu").GoTo("menu")
            .OnCommand("help").Say("Use the buttons, or type /start to see the menu again. \"Call an operator\" reaches a human at any time.").Stay()
            .OnButton("Call an operator").Say("An operator will write back to you here shortly.").HandOff("asked for a human")
            .OnText("operator", "human", "manager").Say("An operator will write back to you here shortly.").HandOff("asked for a human")
            .Otherwise().Say("Sorry, I didn't understand. Please pick a button below.", Menu);

        s.Step("menu")
            .Say("Hi! Welcome to ChatFlow Shop. How can I help?", Menu)
            .OnButton("Catalog").GoTo("catalog")
            .OnButton("Order").GoTo("order")
            .OnButton("FAQ").GoTo("faq");

        s.Step("catalog")
            .Say("Today we have:\n- Espresso beans, 1 kg: 24 EUR\n- Filter coffee, 500 g: 12 EUR\n- Ceramic mug: 9 EUR", Buttons.Rows(["Order", "Back"]))
            .OnButton("Order").GoTo("order")
            .OnButton("Back").Back();

        s.Step("faq")
            .Say("What would you like to know?", Buttons.Rows(["Delivery", "Payment"], ["Returns", "Menu"]))
            .OnButton("Delivery").Say("We deliver in 1-3 days; delivery is free from 30 EUR.").Stay()
            .OnButton("Payment").Say("We take cards and cash on delivery.").Stay()
            .OnButton("Returns").Say("You can return unopened goods within 14 days.").Stay()
            .OnText("shipping", "how long").Say("We deliver in 1-3 days; delivery is free from 30 EUR.").Stay()
            .OnButton("Menu").GoTo("menu");

        s.Form("order", f => f
            .Ask("name", "What is your name?", Input.Text(minLength: 2, maxLength: 60, error: "Please send your name (2 to 60 characters)."))
            .Ask("phone", "Your phone number?", Input.Phone(), retry: "That doesn't look like a phone number. Send it like +7 999 123-45-67.", maxAttempts: 3)
            .Confirm(c => $"Order for {c["name"]}, {c["phone"]}. Confirm?", yes: "Yes", change: "Change")
            .OnDone((c, ct) => c.Service<ILeadSink>().SendAsync(new Lead(c.Values.Get<string>("name"), c.Values.Get<string>("phone")), ct))
            .SayWhenDone("Thank you! Your order is placed; our manager will call you soon.")
            .OnButton("Cancel").Say("Order cancelled.").GoTo("menu")
            .OnGiveUp().Say("Let's try again later. An operator can help: press \"Call an operator\".").GoTo("menu")
            .After(TimeSpan.FromMinutes(10)).Say("Are you still there? Reply to continue your order.").Stay()
            .After(TimeSpan.FromHours(24)).Say("Your order has expired; here is the menu again.").GoTo("menu")
            .Then("menu"));
    });
}
