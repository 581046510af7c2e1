# Shared by every *.Tests.ps1: dot-source it in BeforeAll. It imports the built module exactly as a user does
# (Import-Module by its manifest) and knows the Sandbox's addresses and documented credentials.
#
# The runner (or a person) sets two environment variables:
#   VIDEOPLATFORMS_MODULE   the manifest to import (default: out/VideoPlatforms/VideoPlatforms.psd1 in this clone)
#   VIDEOPLATFORMS_SANDBOX  the Sandbox's root address, ending in '/' (default: http://127.0.0.1:5080/)

$script:RepositoryRoot = [System.IO.Path]::GetFullPath("$PSScriptRoot/../..")
$script:ModuleManifest = if ($env:VIDEOPLATFORMS_MODULE) { $env:VIDEOPLATFORMS_MODULE } else { "$RepositoryRoot/out/VideoPlatforms/VideoPlatforms.psd1" }
$script:SandboxRoot = if ($env:VIDEOPLATFORMS_SANDBOX) { $env:VIDEOPLATFORMS_SANDBOX.TrimEnd('/') + '/' } else { 'http://127.0.0.1:5080/' }

if (-not (Get-Module VideoPlatforms)) { Import-Module $ModuleManifest -ErrorAction Stop }

function ConvertTo-TestSecret([string] $Text) { [System.Net.NetworkCredential]::new('', $Text).SecurePassword }

# The four platforms as the Sandbox serves them: where, and with which documented credentials.
$script:SandboxPlatforms = [ordered]@{
    ApiVideo = @{ BaseUri = "${SandboxRoot}apivideo/"; Admin = 'apivideo'; Parameters = @{ ApiKey = ConvertTo-TestSecret 'sandbox-apivideo-key' } }
    Vimeo    = @{ BaseUri = "${SandboxRoot}vimeo/"; Admin = 'vimeo'; Parameters = @{ AccessToken = ConvertTo-TestSecret 'sandbox-vimeo-token-1' } }
    Ziggeo   = @{ BaseUri = "${SandboxRoot}ziggeo/"; Admin = 'ziggeo'; Parameters = @{ ApplicationToken = 'sandboxziggeoapp0000000000000001'; PrivateKey = ConvertTo-TestSecret 'sandbox-ziggeo-private-key' } }
    BigGo    = @{ BaseUri = "${SandboxRoot}biggo/"; Admin = 'biggo'; Parameters = @{ ClientCredential = [pscredential]::new('sandbox-biggo-client', (ConvertTo-TestSecret 'sandbox-biggo-secret')) } }
}

# Connect-VideoProvider to one platform of the Sandbox, named after it; extra parameters pass through.
function Connect-SandboxPlatform {
    param([Parameter(Mandatory)][ValidateSet('ApiVideo', 'Vimeo', 'Ziggeo', 'BigGo')][string] $Provider, [hashtable] $Extra = @{}, [switch] $PassThru)
    $platform = $SandboxPlatforms[$Provider]
    $parameters = @{ Provider = $Provider; BaseUri = $platform.BaseUri; Name = $Provider } + $platform.Parameters + $Extra
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
