using Bot.Core.Commands;

namespace Bot.Core.Tests.Commands;

/// <summary>Command names found in text: Latin names as whole words; between Chinese characters a space is optional either way.</summary>
public sealed class CommandMatcherTests
{
    [Theory]
    [InlineData("计划 提交", "计划提交", 0, 5)]
    [InlineData("计划提交", "计划 提交", 0, 4)]
    [InlineData("计划 提交", "计划 提交", 0, 5)]
    [InlineData("请 计划  提交 下周", "计划提交", 2, 6)]
    [InlineData("告警 测试 转化率", "告警测试", 0, 5)]
    [InlineData("plan submit", "plan submit", 0, 11)]
    [InlineData("the plan submit", "plan submit", 4, 11)]
    public void FindName_Matches(string text, string name, int start, int length)
    {
        Assert.Equal((start, length), CommandMatcher.FindName(text, name));
    }

    [Theory]
    [InlineData("plansubmit", "plan submit")]
    [InlineData("plan  submit", "plan submit")]
    [InlineData("取消订阅 告警", "取消告警")]
    [InlineData("计划 a 提交", "计划提交")]
    [InlineData("funnels", "funnel")]
    public void FindName_DoesNotMatch(string text, string name)
    {
        Assert.Equal(-1, CommandMatcher.FindName(text, name).Start);
    }
}
