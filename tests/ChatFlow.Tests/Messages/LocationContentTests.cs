namespace ChatFlow.Tests.Messages;

public sealed class LocationContentTests
{
    [Theory]
    [InlineData(55.75, 37.61, true)]
    [InlineData(-90, 180, true)]
    [InlineData(90, -180, true)]
    [InlineData(0, 0, true)]
    [InlineData(90.01, 0, false)]
    [InlineData(0, -180.5, false)]
    [InlineData(500.5, 30, false)]
    [InlineData(double.NaN, 0, false)]
    [InlineData(0, double.PositiveInfinity, false)]
    public void IsValid_OnlyPointsOnTheGlobe(double latitude, double longitude, bool expected) =>
        Assert.Equal(expected, LocationContent.IsValid(latitude, longitude));
}
