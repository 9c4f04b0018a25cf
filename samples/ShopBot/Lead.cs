namespace ShopBot;

/// <summary>An order request handed to the sales team.</summary>
/// <param name="Name">The customer's name.</param>
/// <param name="Phone">The customer's phone number in E.164.</param>
public sealed record Lead(string Name, string Phone);
