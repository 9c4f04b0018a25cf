namespace ChatFlow.Channels.Viber;

/// <summary>The empty body of calls without parameters (<c>get_account_info</c>).</summary>
internal sealed class EmptyRequest
{
    public static EmptyRequest Instance { get; } = new();
}
