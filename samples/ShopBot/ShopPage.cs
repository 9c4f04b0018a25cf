namespace ShopBot;

/// <summary>The page ShopBot serves at <c>/</c>.</summary>
internal static class ShopPage
{
    /// <summary>The page's HTML.</summary>
    public const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>ChatFlow Shop</title>
          <style>
            body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
            code { background: #f3f3f3; padding: 0 .25rem; border-radius: 3px; }
          </style>
        </head>
        <body>
          <h1>ChatFlow Shop</h1>
          <p>A coffee shop bot: browse the menu, order a drink, leave your name and phone.</p>
          <p>The same bot answers on Telegram, VK and Viber when their settings are present;
             their webhooks are at <code>/webhooks/{channel}</code>, and <a href="/health">/health</a> shows how the channels are doing.</p>

          <p>Chat with the bot in the window at the bottom right: press <b>Order</b>, give a name and a phone, confirm.</p>
          <p>A second bot, the support bot, runs in the same host at <a href="/webchat/support/">/webchat/support/</a>.
             "Call an operator" (or bad feedback to the support bot) hands the conversation to a human:
             answer it on the <a href="/operator/">operator desk</a>, then give it back to the bot.</p>

          <!-- The website chat widget (ChatFlow.Channels.WebChat): one script tag. -->
          <script src="/webchat/widget.js"></script>
        </body>
        </html>
        """;
}
