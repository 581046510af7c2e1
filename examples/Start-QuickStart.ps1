#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Runs examples/quickstart.ps1 in this pwsh against a Sandbox it starts and stops itself: nothing to set by hand.
.DESCRIPTION
    Builds the repository when the module or the Sandbox is missing or older than its sources, starts the Sandbox on
    a free loopback port with its uploads in a temporary folder, runs the quick start with $env:VIDEOPLATFORMS_SANDBOX
    pointing at it, and stops the Sandbox and deletes that folder afterwards, also when the quick start fails or is
    stopped with Ctrl+C. With only the .NET SDK installed, run it through the repository's local pwsh tool:

        dotnet tool restore && dotnet pwsh -NoProfile -File examples/Start-QuickStart.ps1
.PARAMETER Script
    The script to run instead of quickstart.ps1, e.g. a runbook of your own.
.PARAMETER NoBuild
    Uses the module and the Sandbox as built, even when sources are newer (the tests run it so).
#>
[CmdletBinding()]
param(
    [string] $Script = (Join-Path $PSScriptRoot 'quickstart.ps1'),
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
$root = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '..'))
$manifest = Join-Path $root 'out/VideoPlatforms/VideoPlatforms.psd1'
$Script = (Resolve-Path -LiteralPath $Script).Path

# The newest Sandbox build, whichever configuration made it.
function Find-Sandbox {
    Get-ChildItem -Path (Join-Path $root 'src/VideoPlatforms.Sandbox/bin') -Recurse -Filter VideoPlatforms.Sandbox.dll -ErrorAction Ignore |
        Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
}

# Build when something is missing, or when a source file changed since the module was assembled.
$sandbox = Find-Sandbox
$module = Get-Item -LiteralPath (Join-Path $root 'out/VideoPlatforms/VideoPlatforms.dll') -ErrorAction Ignore
$newestSource = Get-ChildItem -Path (Join-Path $root 'src'), (Join-Path $root 'docs') -Recurse -File -Include *.cs, *.csproj, *.ps1xml, *.md |
    Where-Object FullName -NotMatch '[\\/](bin|obj)[\\/]' | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
$stale = -not $NoBuild -and $newestSource.LastWriteTimeUtc -gt $module.LastWriteTimeUtc
if (-not $sandbox -or -not $module -or $stale) {
    Write-Host 'Building the module and the Sandbox (dotnet build)...'
    & dotnet build $root --nologo --verbosity quiet
    if ($LASTEXITCODE -ne 0) { throw "dotnet build failed with exit code $LASTEXITCODE." }
    $sandbox = Find-Sandbox
}

# A port nobody listens on: the system picks one for a listener that is closed at once.
$probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
$probe.Start()
$port = $probe.LocalEndpoint.Port
$probe.Stop()
$address = "http://127.0.0.1:$port/"

$storage = Join-Path ([System.IO.Path]::GetTempPath()) "videoplatforms-quickstart-$([guid]::NewGuid().ToString('N'))"
$start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($argument in $sandbox.FullName, '--urls', "http://127.0.0.1:$port", '--storage', $storage, '--quiet') { $start.ArgumentList.Add($argument) }
$start.RedirectStandardOutput = $true
$start.RedirectStandardError = $true
$start.UseShellExecute = $false
$savedSandbox = $env:VIDEOPLATFORMS_SANDBOX
$process = $null
try {
    $process = [System.Diagnostics.Process]::Start($start)
    # Drain its output so a chatty Sandbox never blocks on a full pipe; shown only if it fails to start.
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()

    $deadline = [datetime]::UtcNow.AddSeconds(60)
    while ($true) {
        if ($process.HasExited) {
            throw "The Sandbox stopped before it answered (exit code $($process.ExitCode)):`n$($stdout.Result)$($stderr.Result)"
        }
        try {
            $null = Invoke-RestMethod -Uri "${address}_sandbox/" -TimeoutSec 2
            break
        }
        catch {
            if ([datetime]::UtcNow -gt $deadline) { throw "The Sandbox did not answer on $address within 60 seconds." }
            Start-Sleep -Milliseconds 200
        }
    }
    Write-Host "Sandbox listening on $address"

    $env:VIDEOPLATFORMS_SANDBOX = $address
    if (-not (Get-Module VideoPlatforms)) { Import-Module $manifest }
    & $Script
}
finally {
    $env:VIDEOPLATFORMS_SANDBOX = $savedSandbox
    if ($process -and -not $process.HasExited) {
        $process.Kill($true)
        $process.WaitForExit(10000) | Out-Null
    }
    Remove-Item -LiteralPath $storage -Recurse -Force -ErrorAction Ignore
    if ($process) { Write-Host 'Sandbox stopped.' }
}
