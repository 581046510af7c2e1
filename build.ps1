<#
.SYNOPSIS
    Builds, tests or packages VideoPlatforms: each task is a thin call of the same dotnet commands the README gives.
.EXAMPLE
    ./build.ps1                 # build: assembles out/VideoPlatforms, ready for Import-Module
.EXAMPLE
    ./build.ps1 -Task Test      # the full test suite (hosted PowerShell engine + Sandbox)
.EXAMPLE
    ./build.ps1 -Task Package   # out/VideoPlatforms.<version>.nupkg for a PowerShell repository
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-DotNet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    Write-Verbose "dotnet $Arguments"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

switch ($Task) {
    'Build' {
        Invoke-DotNet build --configuration $Configuration
        Write-Host "Module assembled in $(Join-Path $PSScriptRoot 'out/VideoPlatforms')"
    }
    'Test' {
        Invoke-DotNet test --configuration $Configuration
    }
    'Package' {
        Invoke-DotNet build --configuration Release
        $module = Join-Path $PSScriptRoot 'out/VideoPlatforms'
        $repository = Join-Path $PSScriptRoot 'out/repository'
        New-Item -ItemType Directory -Force -Path $repository | Out-Null
        # Publishing to a local file repository produces the same .nupkg the PowerShell Gallery accepts, and checks
        # the manifest on the way.
        $name = 'VideoPlatformsLocalBuild'
        if (-not (Get-PSResourceRepository -Name $name -ErrorAction SilentlyContinue)) {
            Register-PSResourceRepository -Name $name -Uri $repository -Trusted
        }
        try {
            Publish-PSResource -Path $module -Repository $name
        }
        finally {
            Unregister-PSResourceRepository -Name $name
        }
        Get-ChildItem $repository -Filter *.nupkg
    }
}
