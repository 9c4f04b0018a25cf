namespace ChatFlow.Channels.Viber;

/// <summary>
/// Collects the welcome message for one <c>conversation_started</c> callback while its dispatch
/// runs: the first reply becomes the welcome, following text replies are appended to it while the
/// text stays within Viber's limit, anything else is dropped (the user is not subscribed yet, so
/// nothing else can reach them). Closed when the webhook answers.
/// </summary>
internal sealed class WelcomeSlot
{
    private readonly Lock _gate = new();
    private OutgoingMessage? _welcome;
    private bool _closed;

    /// <summary>Offers a reply; returns whether it became (part of) the welcome.</summary>
    public bool Offer(OutgoingMessage reply, int maxTextLength)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            if (_welcome is null)
            {
                _welcome = reply;
                return true;
            }

            if (_welcome.Media is null && reply.Media is null && reply.Text is { Length: > 0 } more
                && (_welcome.Text?.Length ?? 0) + 2 + more.Length <= maxTextLength)
            {
                _welcome = _welcome with
                {
                    Text = string.IsNullOrEmpty(_welcome.Text) ? more : _welcome.Text + "\n\n" + more,
                    Keyboard = reply.Keyboard ?? _welcome.Keyboard,
                };
                return true;
            }

            return false;
        }
    }

    /// <summary>Closes the slot: later replies are dropped. Returns the welcome collected so far.</summary>
    public OutgoingMessage? Close()
    {
        lock (_gate)
        {
            _closed = true;
            return _welcome;
        }
    }
}
