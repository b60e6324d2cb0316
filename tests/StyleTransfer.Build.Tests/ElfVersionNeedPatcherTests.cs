using System.Diagnostics;
using System.Reflection;
using StyleTransfer.Build;

namespace StyleTransfer.Build.Tests;

public sealed class ElfVersionNeedPatcherTests : IDisposable
{
    const string Version = "GLIBCXX_3.4.32";
    readonly string _folder = Directory.CreateTempSubdirectory("st-elf-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    static string Pristine() => typeof(ElfVersionNeedPatcherTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PristineLibTorchSharp").Value!;

    string CopyOfLibrary()
    {
        var copy = Path.Combine(_folder, "libLibTorchSharp.so");
        File.Copy(Pristine(), copy);
        return copy;
    }

    /// <summary>The flags readelf (binutils) reports for the version requirement, read independently of our parser.</summary>
    static string ReadelfFlags(string path)
    {
        var psi = new ProcessStartInfo("readelf", ["-V", "-W", path]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var line = p.StandardOutput.ReadToEnd().Split('\n').Single(l => l.Contains($"Name: {Version}"));
        p.WaitForExit();
        return line[(line.IndexOf("Flags:", StringComparison.Ordinal) + 6)..].Trim().Split(' ')[0];
    }

    [Fact]
    public void The_pristine_library_requires_the_version_strictly()
    {
        Assert.Equal("none", ReadelfFlags(Pristine()));
    }

    [Fact]
    public void Marks_exactly_that_requirement_weak_and_is_idempotent()
    {
        var lib = CopyOfLibrary();
        var before = File.ReadAllBytes(lib);
        Assert.Equal(ElfVersionNeedPatcher.Outcome.Patched, ElfVersionNeedPatcher.MarkVersionNeedWeak(lib, Version));
        Assert.Equal("WEAK", ReadelfFlags(lib));
        var after = File.ReadAllBytes(lib);
        Assert.Equal(before.Length, after.Length);
        Assert.Single(Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]));
        Assert.Equal(ElfVersionNeedPatcher.Outcome.AlreadyWeak, ElfVersionNeedPatcher.MarkVersionNeedWeak(lib, Version));
    }

    [Fact]
    public void A_hard_linked_output_is_patched_without_altering_the_file_it_links_to()
    {
        // The build hard-links package files into output folders (libtorch stored once): the package cache's copy
        // must keep its bytes when the output copy is patched.
        var cached = CopyOfLibrary();
        var output = Path.Combine(_folder, "output-libLibTorchSharp.so");
        Assert.Equal(0, link(cached, output));
        var before = File.ReadAllBytes(cached);
        Assert.Equal(ElfVersionNeedPatcher.Outcome.Patched, ElfVersionNeedPatcher.MarkVersionNeedWeak(output, Version));
        Assert.Equal("WEAK", ReadelfFlags(output));
        Assert.Equal("none", ReadelfFlags(cached));
        Assert.Equal(before, File.ReadAllBytes(cached));
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    static extern int link(string existing, string newPath);

    [Fact]
    public void A_version_the_library_does_not_require_is_left_alone()
    {
        var lib = CopyOfLibrary();
        var before = File.ReadAllBytes(lib);
        Assert.Equal(ElfVersionNeedPatcher.Outcome.NotRequired, ElfVersionNeedPatcher.MarkVersionNeedWeak(lib, "GLIBCXX_9.9.99"));
        Assert.Equal(before, File.ReadAllBytes(lib));
    }

    [Fact]
    public void A_file_that_is_not_elf_is_refused()
    {
        var path = Path.Combine(_folder, "not-elf.so");
        File.WriteAllText(path, "hello");
        Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkVersionNeedWeak(path, Version));
    }

    [Fact]
    public void Detects_whether_a_libstdcxx_provides_a_version()
    {
        var fake = Path.Combine(_folder, "libstdc++.so.6");
        File.WriteAllBytes(fake, [.. "xxGLIBCXX_3.4.30\0GLIBCXX_3.4.31\0"u8]);
        Assert.True(ElfVersionNeedPatcher.LibraryProvidesVersion(fake, "GLIBCXX_3.4.31"));
        Assert.False(ElfVersionNeedPatcher.LibraryProvidesVersion(fake, "GLIBCXX_3.4.3"));
        Assert.False(ElfVersionNeedPatcher.LibraryProvidesVersion(fake, Version));
    }
}
