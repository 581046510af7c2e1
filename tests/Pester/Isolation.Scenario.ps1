# One scenario of Isolation.Tests.ps1, run in a fresh `pwsh -NoProfile` so that nothing is loaded yet: another script
# loads another version of one of the module's libraries (Add-Type -Path, then uses a type from it, so it is really
# loaded) before or after Import-Module VideoPlatforms, and the module connects, uploads, reads back and deletes a
# video in the Sandbox's api.video. With -Order Alone the module is not imported at all: what the other script gets
# in a pwsh without the module, for comparison.
#
# It prints one line of JSON: what the other script got (which file, which version, which load context, a result),
# the video sent and read back, every copy of the three libraries loaded in the process, and the first error.
param(
    [Parameter(Mandatory)][ValidateSet('Before', 'After', 'Alone')][string] $Order,
    [Parameter(Mandatory)][ValidateSet('RestSharp', 'Newtonsoft.Json', 'Polly.Core')][string] $Library,
    [Parameter(Mandatory)][string] $OtherPath,
    [Parameter(Mandatory)][string] $Manifest,
    [Parameter(Mandatory)][string] $SandboxRoot,
    [Parameter(Mandatory)][string] $Work
)
$ErrorActionPreference = 'Stop'
$report = [ordered]@{ Order = $Order; Library = $Library; Other = $null; Sent = $null; Read = $null; Loaded = @(); Error = $null }

function Get-AssemblyFacts([System.Reflection.Assembly] $Assembly) {
    [ordered]@{
        Name        = $Assembly.GetName().Name
        Location    = $Assembly.Location
        FileVersion = [System.Diagnostics.FileVersionInfo]::GetVersionInfo($Assembly.Location).FileVersion
        Context     = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($Assembly).Name
    }
}

# What a script or module that brings its own copy of the library does with it.
function Use-OtherLibrary {
    Add-Type -Path $OtherPath
    switch ($Library) {
        'RestSharp' {
            $client = [RestSharp.RestClient]::new([uri] $SandboxRoot)
            $response = $client.ExecuteAsync([RestSharp.RestRequest]::new('_sandbox/'), [System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
            if (-not $response.IsSuccessful) { throw "RestSharp GET _sandbox/ failed: $($response.StatusCode) $($response.ErrorMessage)" }
            $result = "GET _sandbox/ -> $([int] $response.StatusCode)"
            $client.Dispose()
            $type = [RestSharp.RestClient]
        }
        'Newtonsoft.Json' {
            $parsed = [Newtonsoft.Json.Linq.JObject]::Parse('{"tags":["a","b"]}')
            $result = [Newtonsoft.Json.JsonConvert]::SerializeObject($parsed['tags'], [Newtonsoft.Json.Formatting]::None)
            $type = [Newtonsoft.Json.JsonConvert]
        }
        'Polly.Core' {
            $pipeline = [Polly.TimeoutResiliencePipelineBuilderExtensions]::AddTimeout([Polly.ResiliencePipelineBuilder]::new(), [timespan]::FromSeconds(5)).Build()
            $ran = [ref] 0
            $pipeline.Execute([System.Action] { $ran.Value++ })
            $result = "pipeline ran the callback $($ran.Value) time(s)"
            $type = [Polly.ResiliencePipeline]
        }
    }
    (Get-AssemblyFacts $type.Assembly) + @{ Result = $result }
}

try {
    if ($Order -in 'Before', 'Alone') { $report.Other = Use-OtherLibrary }
    if ($Order -ne 'Alone') {
        Import-Module $Manifest
        $key = [System.Net.NetworkCredential]::new('', 'sandbox-apivideo-key').SecurePassword
        Connect-VideoProvider -Provider ApiVideo -ApiKey $key -BaseUri "${SandboxRoot}apivideo/"
        $file = Join-Path $Work "isolation-$Library-$Order.mp4"
        $bytes = [byte[]]::new(64KB)
        [System.Random]::new(7).NextBytes($bytes)
        [System.IO.File]::WriteAllBytes($file, $bytes)
        $sent = Send-Video -Path $file -Title "isolation $Library $Order"
        $report.Sent = [ordered]@{ Id = $sent.Id; Title = $sent.Title }
        $read = Get-Video -Id $sent.Id
        $report.Read = [ordered]@{ Id = $read.Id; Title = $read.Title }
        $read | Remove-Video -Force
    }
    if ($Order -eq 'After') { $report.Other = Use-OtherLibrary }
}
catch {
    # The whole chain: a FileLoadException is often the inner exception of a TypeInitialization or a cmdlet error.
    $messages = for ($e = $_.Exception; $e; $e = $e.InnerException) { "$($e.GetType().FullName): $($e.Message)" }
    $report.Error = $messages -join ' ---> '
}
$report.Loaded = @([System.AppDomain]::CurrentDomain.GetAssemblies() |
        Where-Object { $_.GetName().Name -in 'RestSharp', 'Newtonsoft.Json', 'Polly.Core' } |
        ForEach-Object { Get-AssemblyFacts $_ })
$report | ConvertTo-Json -Depth 5 -Compress
