// Marks one symbol-version requirement of an ELF64 shared library as weak (VER_FLG_WEAK) in .gnu.version_r,
// so the dynamic loader accepts a system library that lacks that version. Used by TorchSharpGlibcxx.targets:
// TorchSharp's libLibTorchSharp.so asks for GLIBCXX_3.4.32 only for _ZSt21ios_base_library_initv, which it
// never calls, while Debian 12's libstdc++ stops at GLIBCXX_3.4.30.
using System;
using System.IO;
using System.Text;

namespace StyleTransfer.Build
{
    public static class ElfVersionNeedPatcher
    {
        const uint ShtGnuVerneed = 0x6ffffffe;
        const ushort VerFlgWeak = 0x2;

        public enum Outcome { Patched, AlreadyWeak, NotRequired }

        /// <summary>True when the file (a libstdc++) defines the given version string, e.g. GLIBCXX_3.4.32.</summary>
        public static bool LibraryProvidesVersion(string libraryPath, string version)
        {
            var needle = Encoding.ASCII.GetBytes(version + "\0");
            var bytes = File.ReadAllBytes(libraryPath);
            return IndexOf(bytes, needle) >= 0;
        }

        /// <summary>Finds the system's libstdc++.so.6, or null.</summary>
        public static string FindSystemLibStdCxx()
        {
            foreach (var dir in new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu", "/lib64" })
            {
                var candidate = Path.Combine(dir, "libstdc++.so.6");
                if (File.Exists(candidate)) return candidate;
            }
            return null;
        }

        /// <summary>Sets VER_FLG_WEAK on the requirement named <paramref name="version"/> in the ELF file's .gnu.version_r.</summary>
        public static Outcome MarkVersionNeedWeak(string elfPath, string version)
        {
            var data = File.ReadAllBytes(elfPath);
            if (data.Length < 64 || data[0] != 0x7f || data[1] != (byte)'E' || data[2] != (byte)'L' || data[3] != (byte)'F')
                throw new InvalidDataException($"{elfPath}: not an ELF file");
            if (data[4] != 2 || data[5] != 1)
                throw new InvalidDataException($"{elfPath}: only little-endian ELF64 is supported");

            ulong shoff = BitConverter.ToUInt64(data, 0x28);
            int shentsize = BitConverter.ToUInt16(data, 0x3A);
            int shnum = BitConverter.ToUInt16(data, 0x3C);

            for (int s = 0; s < shnum; s++)
            {
                int sh = checked((int)shoff + s * shentsize);
                if (BitConverter.ToUInt32(data, sh + 4) != ShtGnuVerneed) continue;
                int offset = checked((int)BitConverter.ToUInt64(data, sh + 0x18));
                int link = (int)BitConverter.ToUInt32(data, sh + 0x28);
                int strtab = checked((int)BitConverter.ToUInt64(data, checked((int)shoff + link * shentsize) + 0x18));

                int need = offset;
                while (true)
                {
                    int count = BitConverter.ToUInt16(data, need + 2);
                    int aux = need + (int)BitConverter.ToUInt32(data, need + 8);
                    for (int a = 0; a < count; a++)
                    {
                        string name = ReadCString(data, strtab + (int)BitConverter.ToUInt32(data, aux + 8));
                        if (name == version)
                        {
                            ushort flags = BitConverter.ToUInt16(data, aux + 4);
                            if ((flags & VerFlgWeak) != 0) return Outcome.AlreadyWeak;
                            BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(data, aux + 4);
                            var temp = elfPath + ".patching";
                            File.WriteAllBytes(temp, data);
                            File.Replace(temp, elfPath, null);
                            return Outcome.Patched;
                        }
                        uint nextAux = BitConverter.ToUInt32(data, aux + 12);
                        if (nextAux == 0) break;
                        aux += (int)nextAux;
                    }
                    uint next = BitConverter.ToUInt32(data, need + 12);
                    if (next == 0) break;
                    need += (int)next;
                }
            }
            return Outcome.NotRequired;
        }

        static string ReadCString(byte[] data, int start)
        {
            int end = start;
            while (data[end] != 0) end++;
            return Encoding.ASCII.GetString(data, start, end - start);
        }

        static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i <= haystack.Length - needle.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }
            return -1;
        }
    }

#if !ELF_PATCHER_NO_TASK
    /// <summary>MSBuild task: patches every libLibTorchSharp.so under a folder when the system libstdc++ needs it.</summary>
    public class PatchTorchSharpGlibcxx : Microsoft.Build.Utilities.Task
    {
        const string Version = "GLIBCXX_3.4.32";

        [Microsoft.Build.Framework.Required]
        public string Directory { get; set; }

        public override bool Execute()
        {
            if (!System.IO.Directory.Exists(Directory)) return true;
            var libstdcxx = ElfVersionNeedPatcher.FindSystemLibStdCxx();
            if (libstdcxx == null || ElfVersionNeedPatcher.LibraryProvidesVersion(libstdcxx, Version)) return true;
            foreach (var lib in System.IO.Directory.EnumerateFiles(Directory, "libLibTorchSharp.so", SearchOption.AllDirectories))
            {
                var outcome = ElfVersionNeedPatcher.MarkVersionNeedWeak(lib, Version);
                if (outcome == ElfVersionNeedPatcher.Outcome.Patched)
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                        $"TorchSharp: marked {Version} weak in {lib} ({libstdcxx} lacks it)");
            }
            return true;
        }
    }
#endif
}
