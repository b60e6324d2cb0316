using System.Runtime.CompilerServices;

namespace StyleTransfer.Engine.Tests;

static class OneDnnSetup
{
    /// <summary>Before any test's first convolution (see <see cref="OneDnnWorkaround"/>).</summary>
    [ModuleInitializer]
    internal static void Apply() => OneDnnWorkaround.Apply();
}
