namespace ChatFlow;

/// <summary>Short ways to make keyboards from labels.</summary>
public static class Buttons
{
    /// <summary>Creates a reply keyboard from rows of labels: <c>Buttons.Rows(["Catalog", "Order"], ["Call an operator"])</c>.</summary>
    /// <param name="rows">The labels, row by row.</param>
    /// <returns>A reply keyboard whose buttons send their labels.</returns>
    public static Keyboard Rows(params string[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new Keyboard(rows.Select(r => (IReadOnlyList<Button>)r.Select(Button.Reply).ToArray()).ToArray());
    }

    /// <summary>Creates an inline keyboard of callback buttons from rows of labels; each button's payload is its label.</summary>
    /// <param name="rows">The labels, row by row.</param>
    /// <returns>An inline keyboard.</returns>
    public static Keyboard Inline(params string[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new Keyboard(rows.Select(r => (IReadOnlyList<Button>)r.Select(l => Button.Callback(l)).ToArray()).ToArray(), inline: true);
    }

    /// <summary>Creates a reply keyboard with one label per row.</summary>
    /// <param name="labels">The labels.</param>
    /// <returns>A reply keyboard.</returns>
    public static Keyboard Column(params IEnumerable<string> labels) => Keyboard.Column(labels.Select(Button.Reply));
}
