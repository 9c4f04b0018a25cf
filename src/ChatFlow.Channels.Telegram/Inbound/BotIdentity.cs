using Microsoft.Extensions.Logging;
using Telegram.Bot;

namespace ChatFlow.Channels.Telegram;

/// <summary>
/// The bot's own username, which tells <c>/cmd@this_bot</c> from <c>/cmd@other_bot</c> in groups: the configured
/// <see cref="TelegramOptions.BotUsername"/>, or Telegram's answer to <c>getMe</c>. At most one <c>getMe</c> runs at a
/// time and callers share it. After a failure the next call waits out a backoff (<see cref="TelegramOptions.PollingRetryDelay"/>
/// doubling up to <see cref="TelegramOptions.PollingMaxRetryDelay"/>); until then the username is unknown. The first failure
/// is logged at Warning, later ones at Debug.
/// </summary>
internal sealed class BotIdentity
{
    private readonly ITelegramBotClient _client;
    private readonly TelegramOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private string? _username;
    private Task<string?>? _lookup;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private int _failures;
    private int _warned;

    public BotIdentity(ITelegramBotClient client, TelegramOptions options, TimeProvider time, ILogger logger)
    {
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
        _username = options.BotUsername is { } configured ? configured.TrimStart('@') : null;
    }

    /// <summary>Gets the username without the <c>@</c>, or null while it is not known.</summary>
    public string? Username => Volatile.Read(ref _username);

    /// <summary>Gets how long until a failed lookup may be tried again; zero when it may be tried now.</summary>
    public TimeSpan RetryIn
    {
        get
        {
            lock (_gate)
            {
                var wait = _retryAt - _time.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }
    }

    /// <summary>
    /// Gets the username: at once when it is known, by joining or starting a <c>getMe</c> otherwise. Returns null,
    /// without a call, while the backoff after a failed lookup runs, and null when the lookup fails.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the lookup itself goes on, bounded by <see cref="TelegramOptions.RequestTimeout"/>.</param>
    public Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        Task<string?> lookup;
        lock (_gate)
        {
            if (_lookup is null || _lookup.IsCompleted)
            {
                if (_username is { } known)
                {
                    return Task.FromResult<string?>(known);
                }

                if (_time.GetUtcNow() < _retryAt)
                {
                    return Task.FromResult<string?>(null);
                }

                _lookup = LookupAsync();
            }

            lookup = _lookup;
        }

        return lookup.WaitAsync(cancellationToken);
    }

    private async Task<string?> LookupAsync()
    {
        // Run the call outside the caller's lock.
        await Task.Yield();
        try
        {
            using var timeout = new CancellationTokenSource(_options.RequestTimeout);
            var me = await _client.GetMe(timeout.Token).ConfigureAwait(false);
            if (string.IsNullOrEmpty(me.Username))
            {
                throw new InvalidOperationException("getMe answered without a username");
            }

            Volatile.Write(ref _username, me.Username);
            TelegramLog.BotUsernameKnown(_logger, me.Username);
            return me.Username;
        }
        catch (Exception ex)
        {
            TimeSpan delay;
            lock (_gate)
            {
                _failures++;
                delay = Backoff(_failures);
                _retryAt = _time.GetUtcNow() + delay;
            }

            var error = ex is OperationCanceledException ? "timed out" : ex.Message;
            if (Interlocked.Exchange(ref _warned, 1) == 0)
            {
                TelegramLog.BotUsernameUnknown(_logger, error, delay);
            }
            else
            {
                TelegramLog.BotUsernameLookupFailed(_logger, error, delay);
            }

            return null;
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var ms = _options.PollingRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        return TimeSpan.FromMilliseconds(Math.Min(ms, _options.PollingMaxRetryDelay.TotalMilliseconds));
    }
}
