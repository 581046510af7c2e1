# Bulk work as a person pipes it: a folder of files into Send-Video -ThrottleLimit, a CSV of titles into Send-Video,
# and a whole account into Remove-Video, on each platform.

BeforeDiscovery {
    # One Describe per platform of the one table (Platforms.psd1).
    $Platforms = (Import-PowerShellDataFile -LiteralPath "$PSScriptRoot/Platforms.psd1").Platforms
}

Describe 'Bulk pipelines on <Provider>' -ForEach $Platforms {
    BeforeAll {
        . "$PSScriptRoot/Common.ps1"
        Reset-Sandbox
        Connect-SandboxPlatform $Provider
        $platformNumber = $Number
        $clips = New-Item -ItemType Directory -Path (Join-Path $TestDrive clips)
        foreach ($i in 1..6) { $null = New-TestVideoFile -Path (Join-Path $clips "clip $i.mp4") -Size (40KB + $i * 1KB) -Seed (100 * $platformNumber + $i) }
        $null = New-Item -ItemType File -Path (Join-Path $clips 'notes.txt') -Value 'not a video'
    }

    It 'Get-ChildItem | Send-Video -ThrottleLimit 3 uploads every file once, byte for byte' {
        $videos = @(Get-ChildItem $clips -Filter *.mp4 | Send-Video -ThrottleLimit 3)
        $videos.Count | Should -Be 6
        ($videos.Path | Sort-Object) | Should -Be (Get-ChildItem $clips -Filter *.mp4 | Sort-Object FullName).FullName
        foreach ($video in $videos) {
            (Get-SandboxVideo $Provider $video.Id).sha256 | Should -Be (Get-Sha256 $video.Path)
            # Each file is named after itself.
            $video.Title | Should -Be ([System.IO.Path]::GetFileNameWithoutExtension($video.Path))
        }
        @(Get-SandboxVideoList $Provider).Count | Should -Be 6
    }

    It 'Import-Csv | Send-Video takes each row''s Path, Title and Description' {
        $csv = Join-Path $TestDrive uploads.csv
        # Files of their own: BigGo refuses the same bytes twice.
        $one = New-TestVideoFile -Path (Join-Path $TestDrive 'csv one.mp4') -Seed (100 * $platformNumber + 51)
        $two = New-TestVideoFile -Path (Join-Path $TestDrive 'csv two.mp4') -Seed (100 * $platformNumber + 52)
        @(
            [pscustomobject]@{ Path = $one.FullName; Title = 'From the CSV, one'; Description = 'row one' }
            [pscustomobject]@{ Path = $two.FullName; Title = 'From the CSV, two'; Description = 'row two' }
        ) | Export-Csv -LiteralPath $csv
        $videos = @(Import-Csv $csv | Send-Video -ThrottleLimit 2)
        $videos.Count | Should -Be 2
        $first = $videos | Where-Object Path -EQ $one.FullName
        $first.Title | Should -Be 'From the CSV, one'
        (Get-Video -Id $first.Id).Description | Should -Be 'row one'
        ($videos | Where-Object Path -EQ $two.FullName).Title | Should -Be 'From the CSV, two'
    }

    It 'Get-Video | Remove-Video -Force empties the account, across pages' {
        # 25 videos: more than one page on every platform (BigGo lists 20 per page).
        Add-SandboxSeed $Provider -Count 25 -Prefix Bulk
        @(Get-Video).Count | Should -BeGreaterThan 25
        Get-Video | Remove-Video -Force
        @(Get-Video) | Should -BeNullOrEmpty
        @(Get-SandboxVideoList $Provider) | Should -BeNullOrEmpty
    }
}
