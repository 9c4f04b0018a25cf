namespace ChatFlow;

/// <summary>A shared contact, usually the user's own phone number from a "share my phone" button.</summary>
/// <param name="PhoneNumber">The phone number as the channel delivered it.</param>
public sealed record ContactContent(string PhoneNumber) : MessageContent
{
    /// <summary>Gets the contact's first name, when given.</summary>
    public string? FirstName { get; init; }

    /// <summary>Gets the contact's last name, when given.</summary>
    public string? LastName { get; init; }

    /// <summary>Gets the channel's user id of the contact, when the contact is a user of the channel.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets a value indicating whether the contact is the sender's own (its user id equals the sender's).</summary>
    public bool IsOwn { get; init; }

    /// <inheritdoc />
    public override string ToString() => "contact";
}
