namespace Fengqiao.Tidal;
