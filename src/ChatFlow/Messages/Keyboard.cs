namespace ChatFlow;

/// <summary>
/// Buttons laid out in rows. An inline keyboard is attached to its message; a reply keyboard
/// replaces the user's keyboard until another one is sent or it is removed.
/// </summary>
public sealed record Keyboard
{
    /// <summary>Creates a keyboard.</summary>
    /// <param name="rows">The rows of buttons, top to bottom.</param>
    /// <param name="inline">Whether the keyboard is attached to the message (inline) rather than replacing the user's keyboard.</param>
    public Keyboard(IReadOnlyList<IReadOnlyList<Button>> rows, bool inline = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Rows = rows;
        Inline = inline;
    }

    /// <summary>Gets the rows of buttons, top to bottom.</summary>
    public IReadOnlyList<IReadOnlyList<Button>> Rows { get; }

    /// <summary>Gets a value indicating whether the keyboard is attached to its message.</summary>
    public bool Inline { get; }

    /// <summary>Gets a value indicating whether a reply keyboard hides itself after one press.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool OneTime { get; init; }

    /// <summary>Gets the placeholder shown in the input field while a reply keyboard is open, where the channel supports one.</summary>
    public string? Placeholder { get; init; }

    /// <summary>Gets every button, row by row.</summary>
    public IEnumerable<Button> AllButtons => Rows.SelectMany(r => r);

    /// <summary>Gets the number of buttons.</summary>
    public int Count
    {
        get
        {
            var n = 0;
            foreach (var row in Rows)
            {
                n += row.Count;
            }

            return n;
        }
    }

    /// <summary>Creates a keyboard with one button per row.</summary>
    /// <param name="buttons">The buttons.</param>
    /// <returns>The keyboard.</returns>
    public static Keyboard Column(params IEnumerable<Button> buttons) => new(buttons.Select(b => (IReadOnlyList<Button>)[b]).ToArray());

    /// <summary>Creates a keyboard with all buttons on one row.</summary>
    /// <param name="buttons">The buttons.</param>
    /// <returns>The keyboard.</returns>
    public static Keyboard Row(params IEnumerable<Button> buttons) => new([buttons.ToArray()]);

    /// <summary>Returns a copy laid out as an inline keyboard.</summary>
    /// <returns>The inline keyboard.</returns>
    public Keyboard AsInline() => new(Rows, inline: true) { OneTime = OneTime, Placeholder = Placeholder };

    /// <summary>Returns a copy of this reply keyboard that hides itself after one press.</summary>
    /// <returns>The one-time keyboard.</returns>
    public Keyboard AsOneTime() => this with { OneTime = true };
}
