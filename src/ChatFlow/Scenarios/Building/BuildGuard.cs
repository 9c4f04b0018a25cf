namespace ChatFlow;

/// <summary>Shared by the builders of one scenario; refuses changes once the scenario is built.</summary>
internal sealed class BuildGuard
{
    public bool Built { get; set; }

    public void Check()
    {
        if (Built)
        {
            throw new InvalidOperationException("The scenario is already built; a built scenario cannot change. Define a new one instead.");
        }
    }
}
