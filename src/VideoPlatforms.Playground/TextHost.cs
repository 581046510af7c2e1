using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace VideoPlatforms.Playground;

/// <summary>
/// A PowerShell host that writes what a person would see in pwsh to a TextWriter: Out-Default renders format
/// views through it, warnings and errors print as pwsh prints them. It cannot prompt (like a runbook), and it keeps
/// every progress record it is shown.
/// </summary>
public sealed class TextHost : PSHost
{
    private readonly TextHostUserInterface _ui;
    private readonly Guid _id = Guid.NewGuid();

    /// <param name="writer">Where the screen goes.</param>
    /// <param name="width">Columns, for table layout.</param>
    /// <param name="showProgress">Print a line per progress change (a person watching), or only record them.</param>
    /// <param name="ansi">Keep PSStyle's colour codes (a terminal); otherwise strip them (a file, a test).</param>
    public TextHost(TextWriter writer, int width = 120, bool showProgress = false, bool ansi = false)
    {
        _ui = new TextHostUserInterface(writer, width, showProgress, ansi);
    }

    /// <summary>Every progress record the host was asked to show.</summary>
    public IReadOnlyList<ProgressRecord> Progress => _ui.ProgressRecords;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override Guid InstanceId => _id;
    public override string Name => "VideoPlatforms.TextHost";
    public override PSHostUserInterface UI => _ui;
    public override Version Version => new(1, 0);
    public int ExitCode { get; private set; }

    public override void EnterNestedPrompt() => throw new NotSupportedException("This host has no nested prompt.");
    public override void ExitNestedPrompt() => throw new NotSupportedException("This host has no nested prompt.");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
}

internal sealed class TextHostUserInterface : PSHostUserInterface
{
    private readonly TextWriter _writer;
    private readonly bool _showProgress;
    private readonly bool _ansi;
    private readonly TextHostRawUserInterface _raw;
    private readonly object _gate = new();
    private readonly List<ProgressRecord> _progress = new();
    private string? _lastProgressLine;

    public TextHostUserInterface(TextWriter writer, int width, bool showProgress, bool ansi)
    {
        _writer = writer;
        _showProgress = showProgress;
        _ansi = ansi;
        _raw = new TextHostRawUserInterface(width);
    }

    public IReadOnlyList<ProgressRecord> ProgressRecords
    {
        get { lock (_gate) return _progress.ToArray(); }
    }

    public override PSHostRawUserInterface RawUI => _raw;

    // The formatter colours table headers and errors with PSStyle's escape codes whatever the host says it supports.
    public override bool SupportsVirtualTerminal => _ansi;

    public override void Write(string value) => Out(w => w.Write(Plain(value)));
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
    public override void WriteLine(string value) => Out(w => w.WriteLine(Plain(value)));
    public override void WriteErrorLine(string value) => Out(w => w.WriteLine(Plain(value)));

    private string Plain(string value) => _ansi || value.IndexOf('\u001b') < 0 ? value : AnsiEscape.Replace(value, "");

    private static readonly System.Text.RegularExpressions.Regex AnsiEscape = new(@"\u001b\[[0-9;?]*[A-Za-z]", System.Text.RegularExpressions.RegexOptions.Compiled);
    public override void WriteDebugLine(string message) => Out(w => w.WriteLine("DEBUG: " + message));
    public override void WriteVerboseLine(string message) => Out(w => w.WriteLine("VERBOSE: " + message));
    public override void WriteWarningLine(string message) => Out(w => w.WriteLine("WARNING: " + message));

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        lock (_gate) _progress.Add(record);
        if (!_showProgress) return;
        // One line per change of status, not per redraw: enough to follow an upload in a log or a terminal.
        var line = record.RecordType == ProgressRecordType.Completed
            ? $"  [{record.Activity}] done"
            : $"  [{record.Activity}] {record.StatusDescription}";
        if (line == _lastProgressLine) return;
        _lastProgressLine = line;
        Out(w => w.WriteLine(line));
    }

    private void Out(Action<TextWriter> write)
    {
        lock (_gate) write(_writer);
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw NoPrompt();
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw NoPrompt();
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw NoPrompt();
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw NoPrompt();
    public override string ReadLine() => throw NoPrompt();
    public override SecureString ReadLineAsSecureString() => throw NoPrompt();

    // Like an unattended runbook: anything that needs a person fails instead of waiting for one.
    private static Exception NoPrompt() => new PSInvalidOperationException("This host is non-interactive and cannot prompt. Pass the value as a parameter, or -Confirm:$false / -Force.");
}

internal sealed class TextHostRawUserInterface : PSHostRawUserInterface
{
    private Size _size;

    public TextHostRawUserInterface(int width) => _size = new Size(width, 50);

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override Size BufferSize { get => new(_size.Width, 9999); set => _size = value; }
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; }
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => _size;
    public override Size MaxWindowSize => _size;
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get => _size; set => _size = value; }
    public override string WindowTitle { get; set; } = "VideoPlatforms";

    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("This host cannot read keys.");
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
