using System.Diagnostics;
using System.Runtime.InteropServices;

namespace VideoPlatforms.Bench;

/// <summary>
/// What a run leaves behind if it is stopped: its child processes (measurements, curl, the Sandbox) and its one
/// scratch folder. On Ctrl+C (SIGINT), SIGTERM and SIGQUIT the children are killed and the folder removed before the
/// process ends, so an interrupted run leaves no files, no processes and no listening relay (the link emulator lives in
/// this process and ends with it; the bench creates no network namespace).
/// </summary>
internal static class Scratch
{
    private static readonly List<Process> Children = new();
    private static readonly List<PosixSignalRegistration> Registrations = new();
    private static string? _folder;

    /// <summary>The scratch folder (children are told it through VP_BENCH_SCRATCH, so theirs goes inside it too).</summary>
    public static string Folder => _folder ?? throw new InvalidOperationException("No scratch folder yet.");

    /// <summary>A signal asked the run to stop (a measurement failing then is the interruption, not an error).</summary>
    public static volatile bool Interrupted;

    public static string Create()
    {
        _folder = Directory.CreateTempSubdirectory("vp-bench-").FullName;
        Environment.SetEnvironmentVariable("VP_BENCH_SCRATCH", _folder);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
            Registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                Interrupted = true;
                Console.Error.WriteLine($"Interrupted ({context.Signal}): stopping the measurements and removing {_folder}.");
                Stop();
                // Then the signal's default action ends the process.
            }));
        return _folder;
    }

    public static void Track(Process process)
    {
        lock (Children) Children.Add(process);
    }

    public static void Untrack(Process process)
    {
        lock (Children) Children.Remove(process);
    }

    /// <summary>Kills every child still running and removes the scratch folder. Safe to call twice.</summary>
    public static void Stop()
    {
        Process[] running;
        lock (Children) running = Children.ToArray();
        foreach (var child in running)
        {
            try
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit(5_000);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
            }
        }
        for (var attempt = 0; _folder is not null && Directory.Exists(_folder) && attempt < 5; attempt++)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(200); // a child's file still closing
            }
        }
    }
}
