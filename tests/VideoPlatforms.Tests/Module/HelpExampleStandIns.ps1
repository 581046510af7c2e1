# Stand-ins that let the help's examples run unchanged against the Sandbox in the hosted engine.
#
# The examples are written for a person at a prompt: they type secrets into Read-Host and Get-Credential, list
# folders with Get-ChildItem, read CSVs with Import-Csv, and connect to the real platforms. The hosted engine has
# only the Core commands, and the tests must not reach the internet, so each of those is answered here the way a
# person rehearsing against the Sandbox would answer it. Nothing here changes what the module's cmdlets do: the two
# proxies only add -BaseUri, which is what a reader rehearsing locally would type.
#
# Set by the test before this runs: $ExampleSecrets (prompt or user name -> secret), $ExampleSandboxUris
# (provider -> base URI), $ExampleUsers (user name -> the Sandbox's name for it).

function Read-Host {
    param([Parameter(Position = 0)][string] $Prompt, [switch] $AsSecureString)
    $answer = $ExampleSecrets[$Prompt]
    if ($null -eq $answer) { throw "The help example asks Read-Host '$Prompt', and the test has no answer for it: add one to the stand-ins' secrets." }
    if ($AsSecureString) { return [System.Net.NetworkCredential]::new('', $answer).SecurePassword }
    $answer
}

function Get-Credential {
    param([Parameter(Position = 0)][string] $UserName, [string] $Message)
    $secret = $ExampleSecrets[$UserName]
    if ($null -eq $secret) { throw "The help example asks Get-Credential for '$UserName', and the test has no answer for it." }
    $name = if ($ExampleUsers.ContainsKey($UserName)) { $ExampleUsers[$UserName] } else { $UserName }
    [pscredential]::new($name, [System.Net.NetworkCredential]::new('', $secret).SecurePassword)
}

function Get-ChildItem {
    param([Parameter(Position = 0)][string] $Path = '.', [string] $Filter = '*', [switch] $Recurse)
    $folder = [System.IO.DirectoryInfo]::new($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path))
    $depth = if ($Recurse) { [System.IO.SearchOption]::AllDirectories } else { [System.IO.SearchOption]::TopDirectoryOnly }
    $files = $folder.GetFiles($Filter, $depth)
    [array]::Sort($files, [System.Comparison[System.IO.FileInfo]] { param($a, $b) [string]::CompareOrdinal($a.FullName, $b.FullName) })
    $files
}

function Import-Csv {
    # Enough of Import-Csv for the examples' files: a header line, then comma-separated values without quotes.
    param([Parameter(Position = 0)][string] $Path)
    $lines = [System.IO.File]::ReadAllLines($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path))
    $header = $lines[0].Split(',')
    foreach ($line in $lines[1..($lines.Count - 1)] | Where-Object { $_ }) {
        $row = [ordered]@{}
        $values = $line.Split(',')
        for ($i = 0; $i -lt $header.Count; $i++) { $row[$header[$i]] = $values[$i] }
        [pscustomobject]$row
    }
}

function Select-Object {
    # Enough of Select-Object for the examples: the named properties, as a new object.
    param([Parameter(ValueFromPipeline)] $InputObject, [Parameter(Position = 0)][string[]] $Property)
    process {
        $picked = [ordered]@{}
        foreach ($name in $Property) { $picked[$name] = $InputObject.$name }
        [pscustomobject]$picked
    }
}

function Get-FileHash {
    # Enough of Get-FileHash for the examples: SHA-256, streamed.
    param([Parameter(Position = 0)][string] $Path, [string] $Algorithm = 'SHA256')
    $stream = [System.IO.File]::OpenRead($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path))
    try { [pscustomobject]@{ Algorithm = $Algorithm; Hash = [System.Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($stream)); Path = $Path } }
    finally { $stream.Dispose() }
}

function Set-Clipboard {
    # The clipboard the colleague pastes from: Read-Host 'upload token' answers with what was put here.
    param([Parameter(ValueFromPipeline, Position = 0)] $Value)
    process { $ExampleSecrets['upload token'] = [string]$Value }
}

function Start-Process {
    # The browser: it opens the authorization URL, the Sandbox approves at once and redirects to the callback, and
    # the person copies the code from the address bar (Read-Host 'code' answers with it).
    param([Parameter(Position = 0)][string] $FilePath)
    $handler = [System.Net.Http.HttpClientHandler]::new()
    $handler.AllowAutoRedirect = $false
    $browser = [System.Net.Http.HttpClient]::new($handler)
    try {
        $answer = $browser.GetAsync($FilePath).GetAwaiter().GetResult()
        if ($answer.Headers.Location.Query -notmatch '[?&]code=([^&]+)') { throw "The authorization page did not redirect with a code ($([int]$answer.StatusCode))." }
        $ExampleSecrets['code'] = [uri]::UnescapeDataString($Matches[1])
    } finally { $browser.Dispose() }
}

# Connect-VideoProvider and Get-VideoProviderAuthorizationUrl without -BaseUri would go to the real platforms: send
# them to the Sandbox instead. The proxies keep the cmdlets' own parameters (generated from their metadata).
foreach ($name in 'Connect-VideoProvider', 'Get-VideoProviderAuthorizationUrl') {
    $metadata = [System.Management.Automation.CommandMetadata]::new((Get-Command -Module VideoPlatforms -Name $name))
    $binding = [System.Management.Automation.ProxyCommand]::GetCmdletBindingAttribute($metadata)
    $params = [System.Management.Automation.ProxyCommand]::GetParamBlock($metadata)
    $body = @"
function global:$name {
$binding
param($params)
if (-not `$PSBoundParameters.ContainsKey('BaseUri') -and -not `$PSBoundParameters.ContainsKey('Environment')) {
    `$PSBoundParameters['BaseUri'] = `$ExampleSandboxUris[[string]`$PSBoundParameters['Provider']]
}
VideoPlatforms\$name @PSBoundParameters
}
"@
    . ([scriptblock]::Create($body))
}
