"""China's large-hospital inspection rules (大型医院巡查) as typed models and cited rules."""
