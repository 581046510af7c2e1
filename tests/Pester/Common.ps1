# Shared by every *.Tests.ps1: dot-source it in BeforeAll. It imports the built module exactly as a user does
# (Import-Module by its manifest) and knows the Sandbox's addresses and documented credentials.
#
# The runner (or a person) sets two environment variables:
#   VIDEOPLATFORMS_MODULE   the manifest to import (default: out/VideoPlatforms/VideoPlatforms.psd1 in this clone)
#   VIDEOPLATFORMS_SANDBOX  the Sandbox's root address, ending in '/' (default: http://127.0.0.1:5080/)

$script:RepositoryRoot = [System.IO.Path]::GetFullPath("$PSScriptRoot/../..")
$script:ModuleManifest = if ($env:VIDEOPLATFORMS_MODULE) { $env:VIDEOPLATFORMS_MODULE } else { "$RepositoryRoot/out/VideoPlatforms/VideoPlatforms.psd1" }
$script:SandboxRoot = if ($env:VIDEOPLATFORMS_SANDBOX) { $env:VIDEOPLATFORMS_SANDBOX.TrimEnd('/') + '/' } else { 'http://127.0.0.1:5080/' }

# The upload journal and copy records of a test run live in a scratch folder, never in the user's state folder (the
# xunit runner sets both; a person running a file by hand gets one folder per pwsh process).
foreach ($variable in 'VIDEOPLATFORMS_JOURNAL', 'VIDEOPLATFORMS_STATE_DIR') {
    if (-not [Environment]::GetEnvironmentVariable($variable)) {
        [Environment]::SetEnvironmentVariable($variable, (Join-Path ([System.IO.Path]::GetTempPath()) "vp-pester-$PID/$variable"))
    }
}

if (-not (Get-Module VideoPlatforms)) { Import-Module $ModuleManifest -ErrorAction Stop }

function ConvertTo-TestSecret([string] $Text) { [System.Net.NetworkCredential]::new('', $Text).SecurePassword }

# The platforms as the Sandbox serves them, from the one table (Platforms.psd1): its row, where the Sandbox serves it
# (BaseUri) and the Connect-VideoProvider parameters of its documented credentials (Parameters).
$script:SandboxPlatforms = [ordered]@{}
foreach ($row in (Import-PowerShellDataFile -LiteralPath "$PSScriptRoot/Platforms.psd1").Platforms) {
    $parameters = @{}
    if ($row.Plain) { foreach ($key in $row.Plain.Keys) { $parameters[$key] = $row.Plain[$key] } }
    if ($row.Secrets) { foreach ($key in $row.Secrets.Keys) { $parameters[$key] = ConvertTo-TestSecret $row.Secrets[$key] } }
    if ($row.Credential) { $parameters[$row.Credential.Parameter] = [pscredential]::new($row.Credential.UserName, (ConvertTo-TestSecret $row.Credential.Secret)) }
    $SandboxPlatforms[$row.Provider] = $row + @{ BaseUri = "$SandboxRoot$($row.Admin)/"; Parameters = $parameters }
}

# Connect-VideoProvider to one platform of the Sandbox, named after it; extra parameters pass through.
function Connect-SandboxPlatform {
    param([Parameter(Mandatory)][ValidateScript({ $_ -in $SandboxPlatforms.Keys })][string] $Provider, [hashtable] $Extra = @{}, [switch] $PassThru)
    $platform = $SandboxPlatforms[$Provider]
    $parameters = @{ Provider = $Provider; BaseUri = $platform.BaseUri; Name = $Provider } + $platform.Parameters
    foreach ($key in $Extra.Keys) { $parameters[$key] = $Extra[$key] }   # -Extra may also replace a default (-Name)
    Connect-VideoProvider @parameters -PassThru:$PassThru
}

# Calls the Sandbox's admin surface (/_sandbox/...): reset, request log, faults, a look inside each platform.
function Invoke-SandboxAdmin {
    param([Parameter(Mandatory)][string] $Path, [string] $Method = 'Get', $Body)
    $request = @{ Uri = "${SandboxRoot}_sandbox/$($Path.TrimStart('/'))"; Method = $Method }
    if ($PSBoundParameters.ContainsKey('Body')) { $request.Body = ($Body | ConvertTo-Json -Depth 10); $request.ContentType = 'application/json' }
    Invoke-RestMethod @request
}

function Reset-Sandbox { $null = Invoke-SandboxAdmin -Path reset -Method Post }

# A file of random bytes (the Sandbox stores and hashes bytes without decoding them, so any bytes make a "video").
function New-TestVideoFile {
    param([Parameter(Mandatory)][string] $Path, [long] $Size = 64KB, [int] $Seed = 1)
    $bytes = [byte[]]::new($Size)
    [System.Random]::new($Seed).NextBytes($bytes)
    [System.IO.File]::WriteAllBytes($Path, $bytes)
    Get-Item -LiteralPath $Path
}

# The Sandbox's own record of a video (size, sha256, title...), by the id the module reports.
function Get-SandboxVideo {
    param([Parameter(Mandatory)][string] $Provider, [Parameter(Mandatory)][string] $Id)
    Invoke-SandboxAdmin -Path "$($SandboxPlatforms[$Provider].Admin)/videos/$Id"
}

# The videos the Sandbox holds in the account Connect-SandboxPlatform connects to: not another account's or user's
# (BigGo re-seeds another user's videos on every reset), and not deleted ones (BigGo keeps them, marked deleted).
function Get-SandboxVideoList {
    param([Parameter(Mandatory)][string] $Provider)
    $owner = $SandboxPlatforms[$Provider].Owner
    @(Invoke-SandboxAdmin -Path "$($SandboxPlatforms[$Provider].Admin)/videos") | ForEach-Object { $_ } | Where-Object { -not $_.deleted } | Where-Object { $_.($owner.Property) -eq $owner.Value }
}

# Seeds the account Connect-SandboxPlatform connects to with -Count videos named after -Prefix (the platform's seed
# endpoint: /_sandbox/<platform>/seed, with the fields its row names).
function Add-SandboxSeed {
    param([Parameter(Mandatory)][string] $Provider, [Parameter(Mandatory)][int] $Count, [Parameter(Mandatory)][string] $Prefix)
    $row = $SandboxPlatforms[$Provider]
    $body = @{ count = $Count; $row.SeedPrefix = if ($row.SeedPrefixLowerCase) { $Prefix.ToLowerInvariant() } else { $Prefix } }
    foreach ($key in $row.SeedFixed.Keys) { $body[$key] = $row.SeedFixed[$key] }
    $null = Invoke-SandboxAdmin -Path $row.SeedPath -Method Post -Body $body
}

# Changes a platform's Sandbox settings (a partial PUT of /_sandbox/<platform>/config), e.g. its processing delay.
function Set-SandboxConfig {
    param([Parameter(Mandatory)][string] $Provider, [Parameter(Mandatory)][hashtable] $Settings)
    $null = Invoke-SandboxAdmin -Path "$($SandboxPlatforms[$Provider].Admin)/config" -Method Put -Body $Settings
}

# The lowercase hex SHA-256 of a file, as the Sandbox and the module report it.
function Get-Sha256([Parameter(Mandatory)][string] $Path) { (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash.ToLowerInvariant() }

# The pwsh running these tests, as a command to start it again: an installed pwsh is its own executable; the
# repository's local tool is 'dotnet pwsh.dll'. Every test that starts a child pwsh goes through this.
function Get-PwshCommand {
    foreach ($name in 'pwsh', 'pwsh.exe') {
        $path = Join-Path $PSHOME $name
        if (Test-Path -LiteralPath $path -PathType Leaf) { return , @($path) }
    }
    , @([System.Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll'))
}

# Starts another pwsh, the same build as this one, running a script (everything it writes goes to a log file, named by
# the returned process's Log property). For what happens to a process that is killed.
function Start-TestPwsh {
    param([Parameter(Mandatory)][string] $Script)
    $executable, $arguments = Get-PwshCommand
    $start = [System.Diagnostics.ProcessStartInfo]::new($executable)
    foreach ($argument in $arguments) { $start.ArgumentList.Add($argument) }
    $log = Join-Path ([System.IO.Path]::GetTempPath()) "vp-pester-child-$([guid]::NewGuid().ToString('n')).log"
    foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', "& { $Script } *>&1 | Out-File -LiteralPath '$log'") { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $process | Add-Member -NotePropertyName Log -NotePropertyValue $log -PassThru
}

# N workers on one folder, as several hosts would be: the Sandbox reset and given $Faults, four clips written to
# $Folder, then $Count pwsh processes started at once, each with its own empty upload journal, connected to $Provider
# (retries quick) and running $Command against the folder ($folder in the command), each writing its errors after it.
# Returns the processes (Start-TestPwsh: each has its output in .Log); the caller waits for them, and kills any still
# running in its AfterAll.
function Start-SameFolderWorkers {
    param([Parameter(Mandatory)][string] $Provider, [object[]] $Faults = @(), [Parameter(Mandatory)][string] $Folder,
          [int] $Seed, [Parameter(Mandatory)][string] $Command, [int] $Count = 3)
    Reset-Sandbox
    foreach ($fault in $Faults) { $null = Invoke-SandboxAdmin -Path faults -Method Post -Body $fault }
    Connect-SandboxPlatform $Provider
    $null = New-Item -ItemType Directory -Path $Folder
    foreach ($i in 1..4) { $null = New-TestVideoFile -Path (Join-Path $Folder "clip $i.mp4") -Size (20KB + $i * 977) -Seed ($Seed + $i) }
    foreach ($n in 1..$Count) {
        $journal = Join-Path (Split-Path $Folder) "journal-$n"
        Start-TestPwsh -Script @"
`$env:VIDEOPLATFORMS_JOURNAL = '$journal'
. '$PSScriptRoot/Common.ps1'
Connect-SandboxPlatform $Provider -Extra @{ MaximumRetryCount = 4; MaximumRetryIntervalSec = 1; RetryBaseDelayMilliseconds = 50 }
`$folder = '$Folder'
$Command
`$Error | ForEach-Object { "ERROR `$(`$_.FullyQualifiedErrorId): `$(`$_.Exception.Message)" }
"@
    }
}
