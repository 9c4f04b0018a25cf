using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace ChatFlow;

/// <summary>
/// The values a conversation collected (form answers and anything actions store), typed and
/// durable: they are saved with the conversation and keep their types across restarts.
/// Supported types: <see cref="string"/>, <see cref="bool"/>, <see cref="long"/> (and <see cref="int"/>),
/// <see cref="decimal"/>, <see cref="double"/>, <see cref="DateOnly"/>, <see cref="TimeOnly"/>,
/// <see cref="DateTimeOffset"/>, <see cref="TimeSpan"/> and <see cref="Guid"/>.
/// </summary>
[JsonConverter(typeof(ConversationValuesJsonConverter))]
public sealed class ConversationValues : IReadOnlyDictionary<string, object>
{
    private Dictionary<string, object>? _values;

    /// <summary>Gets the number of values.</summary>
    public int Count => _values?.Count ?? 0;

    /// <summary>Gets the names of the values.</summary>
    public IEnumerable<string> Keys => _values?.Keys ?? Enumerable.Empty<string>();

    /// <summary>Gets the values.</summary>
    public IEnumerable<object> Values => _values?.Values ?? Enumerable.Empty<object>();

    /// <summary>Gets a value by name.</summary>
    /// <param name="key">The value's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No value has that name.</exception>
    public object this[string key] => _values is not null && _values.TryGetValue(key, out var v)
        ? v
        : throw new KeyNotFoundException($"The conversation has no value named '{key}'.");

    /// <summary>Returns whether a value with the name exists.</summary>
    /// <param name="key">The value's name.</param>
    /// <returns><see langword="true"/> when it exists.</returns>
    public bool ContainsKey(string key) => _values?.ContainsKey(key) ?? false;

    /// <summary>Gets a value by name.</summary>
    /// <param name="key">The value's name.</param>
    /// <param name="value">The value, when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value)
    {
        if (_values is null)
        {
            value = null;
            return false;
        }

        return _values.TryGetValue(key, out value);
    }

    /// <summary>Gets a value converted to <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="key">The value's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No value has that name.</exception>
    /// <exception cref="InvalidCastException">The value is of another type.</exception>
    public T Get<T>(string key)
    {
        var value = this[key];
        return value is T t ? t : Convert<T>(key, value);
    }

    /// <summary>Gets a value converted to <typeparamref name="T"/>, or <paramref name="defaultValue"/> when absent.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="key">The value's name.</param>
    /// <param name="defaultValue">What to return when there is no such value.</param>
    /// <returns>The value or the default.</returns>
    public T? GetOrDefault<T>(string key, T? defaultValue = default) =>
        TryGetValue(key, out var value) ? (value is T t ? t : Convert<T>(key, value)) : defaultValue;

    /// <summary>Sets a value, replacing any value of the same name.</summary>
    /// <param name="key">The value's name.</param>
    /// <param name="value">The value; must be of a supported type.</param>
    /// <exception cref="ArgumentException">The value's type is not supported.</exception>
    public void Set(string key, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        value = value is int i ? (long)i : value;
        if (!IsSupported(value.GetType()))
        {
            throw new ArgumentException($"Values of type {value.GetType().Name} cannot be stored with a conversation. Use string, bool, long, decimal, double, DateOnly, TimeOnly, DateTimeOffset, TimeSpan or Guid.", nameof(value));
        }

        (_values ??= new Dictionary<string, object>(StringComparer.Ordinal))[key] = value;
    }

    /// <summary>Removes a value.</summary>
    /// <param name="key">The value's name.</param>
    /// <returns><see langword="true"/> when a value was removed.</returns>
    public bool Remove(string key) => _values?.Remove(key) ?? false;

    /// <summary>Removes every value.</summary>
    public void Clear() => _values?.Clear();

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() =>
        (_values ?? (IEnumerable<KeyValuePair<string, object>>)[]).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal ConversationValues Clone()
    {
        var copy = new ConversationValues();
        if (_values is { Count: > 0 })
        {
            copy._values = new Dictionary<string, object>(_values, StringComparer.Ordinal);
        }

        return copy;
    }

    internal static bool IsSupported(Type type) =>
        type == typeof(string) || type == typeof(bool) || type == typeof(long) || type == typeof(decimal)
        || type == typeof(double) || type == typeof(DateOnly) || type == typeof(TimeOnly)
        || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid);

    private static T Convert<T>(string key, object value)
    {
        try
        {
            var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            if (target == typeof(string))
            {
                return (T)(object)System.Convert.ToString(value, CultureInfo.InvariantCulture)!;
            }

            return (T)System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException)
        {
            throw new InvalidCastException($"The conversation value '{key}' is a {value.GetType().Name}, not a {typeof(T).Name}.", ex);
        }
    }
}
